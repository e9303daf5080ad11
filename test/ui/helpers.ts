/** Driving VS Code for the web (code-server 1.100) with Playwright: the selectors that work there. */
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { launchBrowser } from '../../src/tools/browser';
import { startCodeServer, type RunningCodeServer } from '../../src/tools/codeServer';
import { makeWorkspace, repoRoot } from '../../src/tools/sampleWorkspace';

export const SCREENSHOTS = path.join(repoRoot(), 'test-output', 'ui');

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/** One code-server and one Chromium page for a suite; `stop` ends both. */
export interface UiSession {
  server: RunningCodeServer;
  page: Page;
  stop(): Promise<void>;
}

export async function startUiSession(): Promise<UiSession> {
  const server = await startCodeServer();
  let browser: BrowserContext | undefined;
  try {
    browser = await launchBrowser();
    const page = browser.pages()[0] ?? (await browser.newPage());
    const opened = browser;
    return {
      server,
      page,
      stop: async () => {
        await opened.close();
        server.stop();
      },
    };
  } catch (error) {
    await browser?.close();
    server.stop();
    throw error;
  }
}

/** A session on a fresh sample workspace with the Corpus Lens container open. */
export async function startSampleSession(): Promise<UiSession> {
  const session = await startUiSession();
  try {
    await openWorkbench(session.page, session.server.url(makeWorkspace('sample')));
    await openCorpusLensContainer(session.page);
    return session;
  } catch (error) {
    await session.stop();
    throw error;
  }
}

export async function openWorkbench(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
}

export async function openCorpusLensContainer(page: Page): Promise<void> {
  const entry = page.locator('.activitybar .action-item a[aria-label^="Corpus Lens"]');
  await entry.waitFor({ timeout: 30_000 });
  await entry.click();
  // With a single view in the container VS Code hides its pane header: wait for the container's title.
  await page.locator('.part.sidebar .composite.title', { hasText: /corpus lens/i }).waitFor({ timeout: 15_000 });
}

/** The rows of one view of the Corpus Lens container: "Articles" or "People & Organizations". */
export function treeRows(page: Page, view: 'Articles' | 'People & Organizations' = 'Articles') {
  const pane = page.locator('.part.sidebar .pane', { has: page.locator('.pane-header', { hasText: new RegExp(`^\\s*${view.replace('&', '\\&')}`, 'i') }) });
  return pane.locator('[role="treeitem"]');
}

export async function treeLabels(page: Page, view?: Parameters<typeof treeRows>[1]): Promise<string[]> {
  return treeRows(page, view).locator('.label-name').allInnerTexts();
}

export async function waitForTreeLabel(page: Page, label: string, view?: Parameters<typeof treeRows>[1], timeout = 30_000): Promise<void> {
  await treeRows(page, view).filter({ has: page.locator('.label-name', { hasText: label }) }).first().waitFor({ timeout });
}

/** Opens a workspace file with Quick Open (Ctrl+P) and waits for its tab. */
export async function openFile(page: Page, name: string): Promise<void> {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.fill(name);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor();
  await page.keyboard.press('Enter');
  await page.locator('.tabs-container .tab', { hasText: name }).waitFor({ timeout: 15_000 });
}

export async function clickTreeRow(page: Page, label: string, view?: Parameters<typeof treeRows>[1]): Promise<void> {
  await treeRows(page, view).filter({ has: page.locator('.label-name', { hasText: label }) }).first().click();
}
