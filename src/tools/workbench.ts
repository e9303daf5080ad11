/** Driving VS Code for the web (code-server 1.100) with Playwright: the selectors the UI tests and the VS Code benchmark share. */
import type { Page } from 'playwright-core';

export async function openWorkbench(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
}

export async function openCorpusLensContainer(page: Page): Promise<void> {
  const entry = page.locator('.activitybar .action-item a[aria-label^="Corpus Lens"]');
  await entry.waitFor({ timeout: 30_000 });
  // With a single view in the container VS Code hides its pane header: wait for the container's title.
  const title = page.locator('.part.sidebar .composite.title', { hasText: /corpus lens/i });
  // A reopened window restores the container by itself, and clicking its icon again would close it.
  const selected = page.locator('.activitybar .action-item.checked a[aria-label^="Corpus Lens"]');
  if (
    await selected.waitFor({ timeout: 3_000 }).then(
      () => true,
      () => false,
    )
  )
    return title.waitFor({ timeout: 15_000 });
  await entry.click();
  await title.waitFor({ timeout: 15_000 });
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
  await treeRows(page, view)
    .filter({ has: page.locator('.label-name', { hasText: label }) })
    .first()
    .waitFor({ timeout });
}

/** Opens a workspace file with Quick Open (Ctrl+P) and waits for its tab. */
export async function openFile(page: Page, name: string): Promise<void> {
  // Quick Open's file search (ripgrep on the server) can be slow to answer on a busy machine: ask again.
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('Control+P');
    const input = page.locator('.quick-input-widget input');
    await input.fill(name);
    const row = page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first();
    const found = await row.waitFor({ timeout: 20_000 }).then(
      () => true,
      () => false,
    );
    if (found) break;
    await page.keyboard.press('Escape');
    if (attempt === 3) throw new Error(`Quick Open did not list ${name}`);
  }
  await page.keyboard.press('Enter');
  await page.locator('.tabs-container .tab', { hasText: name }).waitFor({ timeout: 15_000 });
}

/** Monaco draws spaces as no-break spaces. */
export const plain = (text: string) => text.replace(/\u00a0/g, ' ');

/** Where the last letters of `words` are drawn inside the first rendered editor line holding `lineText`. */
export async function wordPosition(page: Page, lineText: string, words: string): Promise<{ x: number; y: number }> {
  const line = page.locator('.editor-instance .view-line', { hasText: lineText }).first();
  await line.waitFor();
  const text = plain(await line.innerText());
  const at = text.indexOf(words);
  if (at < 0) throw new Error(`"${words}" is not on the line "${lineText}"`);
  // A line can be laid out a moment after it is in the page (an editor opening, a hover closing).
  let box = await line.boundingBox();
  for (let tries = 0; !box && tries < 20; tries++) {
    await line.scrollIntoViewIfNeeded({ timeout: 1000 }).catch(() => undefined);
    await page.waitForTimeout(100);
    box = await line.boundingBox();
  }
  if (!box) throw new Error(`the line "${lineText}" is not on screen`);
  const charWidth = await line.evaluate((el) => {
    const span = el.querySelector('span span');
    return span ? span.getBoundingClientRect().width / Math.max(1, (span.textContent ?? '').length) : 8;
  });
  return { x: box.x + charWidth * (at + words.length - 2), y: box.y + box.height / 2 };
}

/** Moves the mouse onto the last letters of `words` on the line holding `lineText`. */
export async function hoverWord(page: Page, lineText: string, words: string): Promise<void> {
  const { x, y } = await wordPosition(page, lineText, words);
  await page.mouse.move(x, y);
}

export async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.fill(`>${title}`);
  await page
    .locator('.quick-input-list .monaco-list-row', { hasText: title.replace(/^Corpus Lens: /, '') })
    .first()
    .waitFor();
  await page.keyboard.press('Enter');
}
