import * as assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { runCommand, wordPosition } from '../../src/tools/workbench';
import { openFile, screenshot, searchPanelFrame, useSampleSession, webviewFrame } from './helpers';

describe('stories and quotes in VS Code for the web (Playwright + Chromium)', () => {
  const ui = useSampleSession('Sergei Lavrov', 'People & Organizations');
  let page: Page;
  beforeEach(() => (page = ui.page));

  it('shows what Lavrov said in his hover card', async () => {
    await openFile(page, 'notes.md');
    const name = page.locator('.editor-instance .view-lines span', { hasText: /Lavrov/ }).first();
    await name.waitFor();
    const box = await name.boundingBox();
    assert.ok(box, 'the name is on screen');
    const text = await name.innerText();
    await page.mouse.move(box.x + (box.width * (text.indexOf('Lavrov') + 3)) / Math.max(text.length, 1), box.y + box.height / 2);
    const hover = page.locator('.monaco-hover', { hasText: 'Said' });
    await hover.waitFor({ timeout: 20_000 });
    const card = await hover.innerText();
    assert.match(card, /There are no secret talks between Russia and the United States/);
    assert.match(card, /same story: 1 other outlet/);
    await screenshot(page, 'hover-card-quotes');
  });

  it('marks a name of the corpus the note does not cite, and offers to cite it or link it (Ctrl+.)', async () => {
    await openFile(page, 'notes.md');
    const { x, y } = await wordPosition(page, 'says a deal is close', 'John Kerry');
    await page.mouse.click(x, y);
    await page.keyboard.press('Control+.');
    const menu = page.locator('.action-widget', { hasText: 'Insert citation for John Kerry' });
    await menu.waitFor({ timeout: 15_000 });
    assert.match(await menu.innerText(), /Link John Kerry to the latest article/);
    await screenshot(page, 'note-quick-fix');
    await page.keyboard.press('Escape');
  });

  it('opens Compare Coverage on the Sputnik article: Sputnik and SANA side by side, shared passages marked', async () => {
    await openFile(page, '000_24cedd494502b823.txt');
    await runCommand(page, 'Corpus Lens: Compare Coverage');
    const frame = await webviewFrame(page, '.column', 'the Compare Coverage webview');
    await frame.locator('.column').nth(1).waitFor();
    const columns = await frame.locator('.column .meta').allInnerTexts();
    assert.deepEqual(
      columns.map((c) => c.split(' · ')[0]),
      ['Sputnik', 'SANA'],
    );
    assert.ok((await frame.locator('.passage.shared').count()) > 0, 'some passages are shared');
    assert.match(await frame.locator('table').innerText(), /Sergey Lavrov/);
    await frame.locator('.passage').first().focus();
    await screenshot(page, 'compare-coverage');
  });

  it('shows the timeline of the seeds, stacked by source, and a click on a bar filters the search panel', async () => {
    await runCommand(page, 'Corpus Lens: Show Timeline');
    const frame = await webviewFrame(page, '#chart', 'the Timeline webview');
    await frame.locator('#numbers tr').nth(1).waitFor();
    assert.match(await frame.locator('#summary').innerText(), /Articles per month, by source: 2 dated articles/);
    assert.match(await frame.locator('#outside').innerText(), /3 undated/);
    await screenshot(page, 'timeline');
    // A click on the June 2016 bar (its x from the page, its y a little above the axis).
    const canvas = frame.locator('#chart');
    const bars = JSON.parse((await canvas.getAttribute('data-periods-at')) ?? '[]') as { period: string; x: number }[];
    const june = bars.find((b) => b.period === '2016-06');
    const box = await canvas.boundingBox();
    assert.ok(june && box, 'the bar and the chart are on screen');
    await canvas.click({ position: { x: june.x, y: box.height - 60 } });
    const panel = await searchPanelFrame(page);
    await panel.locator('#query').waitFor();
    await page.waitForFunction(() => true);
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline && !(await panel.locator('#query').inputValue()).includes('date:2016-06')) await page.waitForTimeout(200);
    assert.match(await panel.locator('#query').inputValue(), /date:2016-06/);
    await screenshot(page, 'timeline-filtered-search');
  });

  it('redraws the timeline in the colours of a light and a high-contrast theme', async () => {
    const frame = await webviewFrame(page, '#chart', 'the Timeline webview');
    const foreground = () => frame.locator('body').evaluate((body) => getComputedStyle(body).getPropertyValue('--vscode-foreground').trim());
    // The theme is set in the workspace's settings file, which the workbench watches: the picker lost
    // its keys in CI now and then (a chord's second key, or the focus still in the webview), and the
    // theme's way in is not what this test is about; the webview's redraw is.
    const chooseTheme = async (theme: string, bodyClass: string) => {
      mkdirSync(path.join(ui.workspace, '.vscode'), { recursive: true });
      writeFileSync(path.join(ui.workspace, '.vscode', 'settings.json'), JSON.stringify({ 'workbench.colorTheme': theme }));
      const deadline = Date.now() + 30_000;
      while (Date.now() < deadline && !(await frame.locator(`body.${bodyClass}`).count())) await page.waitForTimeout(250);
      assert.ok(await frame.locator(`body.${bodyClass}`).count(), `the webview took the ${theme} theme`);
      await page.waitForTimeout(1000);
    };
    const dark = await foreground();
    await chooseTheme('Default Light Modern', 'vscode-light');
    const light = await foreground();
    await screenshot(page, 'timeline-light');
    await chooseTheme('Default High Contrast', 'vscode-high-contrast');
    await screenshot(page, 'timeline-high-contrast');
    await chooseTheme('Default Dark Modern', 'vscode-dark');
    assert.notEqual(light, dark, 'the page follows the theme');
  });
});
