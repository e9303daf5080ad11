/** Driving VS Code for the web (code-server 1.100) with Playwright: the selectors that work there. */
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import type { BrowserContext, Frame, Page } from 'playwright-core';
import { launchBrowser } from '../../src/tools/browser';
import { startCodeServer, type RunningCodeServer } from '../../src/tools/codeServer';
import { makeWorkspace, repoRoot } from '../../src/tools/sampleWorkspace';
import { openCorpusLensContainer, openFile, openWorkbench, treeLabels, treeRows, waitForTreeLabel } from '../../src/tools/workbench';

export { openCorpusLensContainer, openFile, openWorkbench, treeLabels, treeRows, waitForTreeLabel };

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
export async function startSampleSession(): Promise<UiSession & { workspace: string }> {
  const session = await startUiSession();
  try {
    const workspace = makeWorkspace('sample');
    await openWorkbench(session.page, session.server.url(workspace));
    await openCorpusLensContainer(session.page);
    return { ...session, workspace };
  } catch (error) {
    await session.stop();
    throw error;
  }
}

export async function clickTreeRow(page: Page, label: string, view?: Parameters<typeof treeRows>[1]): Promise<void> {
  await treeRows(page, view)
    .filter({ has: page.locator('.label-name', { hasText: label }) })
    .first()
    .click();
}

/** A webview's page lives in a nested iframe (the webview's "active-frame"): the first frame holding `selector`. */
export async function webviewFrame(page: Page, selector: string, what: string): Promise<Frame> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    for (const frame of page.frames()) {
      if (
        await frame
          .locator(selector)
          .count()
          .catch(() => 0)
      )
        return frame;
    }
    await page.waitForTimeout(250);
  }
  throw new Error(`${what} did not appear`);
}

export function searchPanelFrame(page: Page): Promise<Frame> {
  return webviewFrame(page, '#query', 'the search panel webview');
}

/**
 * Registers before/after hooks that run a suite on the sample workspace: the session starts, waits
 * for `label` in a view, and stops at the end. Read `page` from the returned object inside tests.
 */
export function useSampleSession(label: string, view?: Parameters<typeof treeRows>[1]): { readonly page: Page; readonly workspace: string } {
  let session: (UiSession & { workspace: string }) | undefined;
  before(async () => {
    session = await startSampleSession();
    await waitForTreeLabel(session.page, label, view);
  });
  after(() => session?.stop());
  return {
    get page(): Page {
      if (!session) throw new Error('the UI session has not started');
      return session.page;
    },
    get workspace(): string {
      if (!session) throw new Error('the UI session has not started');
      return session.workspace;
    },
  };
}
