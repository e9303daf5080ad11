import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { screenshot, searchPanelFrame, useSampleSession } from './helpers';

describe('searching in VS Code for the web (Playwright + Chromium)', () => {
  const ui = useSampleSession('Unknown source');
  let page: Page;
  beforeEach(() => (page = ui.page));

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await screenshot(page, `search-failed-${this.currentTest.title.slice(0, 30).replace(/\W+/g, '-')}`);
  });

  it('searches from the command palette as you type and opens the hit', async () => {
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.fill('>Corpus Lens: Search Articles');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Search Articles' }).first().waitFor();
    await page.keyboard.press('Enter');
    await page.locator('.quick-input-widget .quick-input-title', { hasText: 'Search Articles' }).waitFor();
    await input.pressSequentially('Brahimi', { delay: 40 });
    const row = page.locator('.quick-input-list .monaco-list-row', { hasText: 'Lavrov: No Secret Russia-U.S. Talks On Syria' });
    await row.waitFor({ timeout: 15_000 });
    assert.match(await row.innerText(), /RFE\/RL/);
    await screenshot(page, 'quick-search');
    await page.keyboard.press('Enter');
    await page.locator('.tabs-container .tab', { hasText: '002_36d8fbcc4219a082.txt' }).waitFor({ timeout: 15_000 });
    await page.locator('.editor-instance .view-lines', { hasText: 'Brahimi' }).waitFor();
  });

  it('searches in the panel, shows counts, facets and highlighted snippets, and opens a result', async () => {
    await page.keyboard.press('F1');
    await page.locator('.quick-input-widget input').fill('>Corpus Lens: Open Search Panel');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Open Search Panel' }).first().waitFor();
    await page.keyboard.press('Enter');
    const frame = await searchPanelFrame(page);
    const box = frame.locator('#query');
    await box.fill('');
    await box.pressSequentially('"Security Council"', { delay: 30 });
    await frame.locator('#status', { hasText: '4 articles' }).waitFor({ timeout: 15_000 });
    assert.equal(await frame.locator('#results .hit').count(), 4);
    await frame.locator('.facet-group', { hasText: 'People' }).locator('.facet', { hasText: 'Sergei Lavrov' }).waitFor({ timeout: 15_000 });
    const marks = await frame.locator('#results .hit mark').allInnerTexts();
    assert.ok(marks.length >= 4 && marks.every((m) => /security|council/i.test(m)), marks.join('|'));
    await frame.locator('.facet', { hasText: 'Sputnik' }).click();
    await frame.locator('#status', { hasText: '1 article' }).waitFor();
    assert.equal(await box.inputValue(), '"Security Council" source:Sputnik');
    await screenshot(page, 'search-panel');
    await frame.locator('#results .hit').first().click();
    await page.locator('.tabs-container .tab', { hasText: '000_24cedd494502b823.txt' }).waitFor({ timeout: 15_000 });
  });

  it('shows a malformed query as a message in the panel', async () => {
    const frame = await searchPanelFrame(page);
    await frame.locator('#query').fill('date:2016-13');
    await frame.locator('#status .error', { hasText: 'no such month' }).waitFor({ timeout: 15_000 });
  });
});
