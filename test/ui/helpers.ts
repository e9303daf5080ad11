/** Driving VS Code for the web (code-server 1.100) with Playwright: the selectors that work there. */
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { repoRoot } from '../../src/tools/sampleWorkspace';

export const SCREENSHOTS = path.join(repoRoot(), 'test-output', 'ui');

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
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

export async function waitForTreeLabel(page: Page, label: string, view?: Parameters<typeof treeRows>[1]): Promise<void> {
  await treeRows(page, view).filter({ has: page.locator('.label-name', { hasText: label }) }).first().waitFor({ timeout: 30_000 });
}

export async function clickTreeRow(page: Page, label: string, view?: Parameters<typeof treeRows>[1]): Promise<void> {
  await treeRows(page, view).filter({ has: page.locator('.label-name', { hasText: label }) }).first().click();
}
