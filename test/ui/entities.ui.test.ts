import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { openFile, screenshot, treeRows, useSampleSession } from './helpers';

describe('people and organizations in VS Code for the web (Playwright + Chromium)', () => {
  const ui = useSampleSession('Sergei Lavrov', 'People & Organizations');
  let page: Page;
  beforeEach(() => (page = ui.page));

  it('hovers "Lavrov" in a note, reads the card and follows a link to the article', async () => {
    await openFile(page, 'notes.md');
    const name = page.locator('.editor-instance .view-lines span', { hasText: /^Lavrov$|Lavrov/ }).first();
    await name.waitFor();
    const box = await name.boundingBox();
    assert.ok(box, 'the name is on screen');
    const text = await name.innerText();
    // Put the mouse on the word "Lavrov" inside the span.
    const at = text.indexOf('Lavrov');
    const x = box.x + (box.width * (at + 3)) / Math.max(text.length, 1);
    await page.mouse.move(x, box.y + box.height / 2);
    const hover = page.locator('.monaco-hover', { hasText: 'Mentioned in 5 articles' });
    await hover.waitFor({ timeout: 20_000 });
    const card = await hover.innerText();
    assert.match(card, /Sergei Lavrov/);
    for (const source of ['Sputnik', 'SANA', 'RFE/RL', 'EIR']) assert.ok(card.includes(source), `the card names ${source}`);
    assert.match(card, /Show all mentions/);
    await screenshot(page, 'hover-card');
    const link = hover.locator('a[title="Open the article at the mention"]', { hasText: /^Sputnik · 2021-08-01/ });
    await link.hover();
    await link.click();
    await page.locator('.tabs-container .tab', { hasText: '000_24cedd494502b823.txt' }).waitFor({ timeout: 15_000 });
    await page.locator('.editor-instance .view-lines', { hasText: 'Lavrov' }).first().waitFor();
  });

  it('shows people and organizations in their view with counts', async () => {
    const row = treeRows(page, 'People & Organizations')
      .filter({ has: page.locator('.label-name', { hasText: 'Sergei Lavrov' }) })
      .first();
    assert.match(await row.innerText(), /30 in 5 articles/);
    await screenshot(page, 'entities-view');
  });
});
