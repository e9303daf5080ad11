import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { makeBbcWorkspace, sharedBbcCorpus } from '../../src/tools/sampleWorkspace';
import { hoverWord, plain, runCommand } from '../../src/tools/workbench';
import {
  clickTreeRow,
  openCorpusLensContainer,
  openFile,
  openWorkbench,
  screenshot,
  startUiSession,
  treeLabels,
  type UiSession,
  waitForTreeLabel,
  webviewFrame,
} from './helpers';

const bbc = sharedBbcCorpus();

(bbc ? describe : describe.skip)('the BBC corpus, as a newcomer opens it (Playwright + Chromium)', () => {
  let session: UiSession;
  let page: Page;

  before(async function () {
    this.timeout(240_000);
    session = await startUiSession();
    page = session.page;
    await openWorkbench(page, session.server.url(makeBbcWorkspace(bbc as string, { sourcesFile: true })));
    await openCorpusLensContainer(page);
    await waitForTreeLabel(page, 'BBC News');
    // The recognizer runs over 2,226 articles in the engine's worker the first time.
    await waitForTreeLabel(page, 'Tony Blair', 'People & Organizations', 200_000);
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await screenshot(page, `bbc-failed-${this.currentTest.title.slice(0, 40).replace(/\W+/g, '-')}`);
  });

  after(() => session?.stop());

  it('groups the articles under the source and years of the sources file', async () => {
    assert.deepEqual(await treeLabels(page), ['BBC News'], 'one source, no "Unknown source"');
    await clickTreeRow(page, 'BBC News');
    await waitForTreeLabel(page, '2004–2005');
    await screenshot(page, 'bbc-tree');
  });

  it('lists people by their full names in the People view, with no surname or title of its own', async () => {
    const names = await treeLabels(page, 'People & Organizations');
    for (const name of ['Tony Blair', 'Gordon Brown', 'Michael Howard']) assert.ok(names.includes(name), `${name} is listed`);
    for (const wrong of ['Mr Blair', 'Mr Brown', 'Blair', 'Christmas']) assert.ok(!names.includes(wrong), `${wrong} is not a person of its own`);
    await screenshot(page, 'bbc-people');
  });

  it('shows Tony Blair\'s card when hovering "Mr Blair" in the note', async () => {
    await openFile(page, 'notes.md');
    await hoverWord(page, 'Mr Blair spoke first', 'Mr Blair');
    const hover = page.locator('.monaco-hover', { hasText: 'Mentioned in' });
    await hover.waitFor({ timeout: 20_000 });
    const card = await hover.innerText();
    assert.match(card, /^Tony Blair · person/m);
    assert.match(card, /Mentioned in \d{3} articles from 1 source\b/);
    await screenshot(page, 'bbc-hover-mr-blair');
    await page.keyboard.press('Escape');
  });

  it('keeps "$(zap)" of an article as text in the search QuickPick', async () => {
    await runCommand(page, 'Corpus Lens: Search Articles');
    await page.locator('.quick-input-widget .quick-input-title', { hasText: 'Search Articles' }).waitFor();
    await page.locator('.quick-input-widget input').pressSequentially('zap', { delay: 30 });
    const row = page.locator('.quick-input-list .monaco-list-row', { hasText: 'Power' }).first();
    await row.waitFor({ timeout: 15_000 });
    assert.match(plain(await row.innerText()), /Power \$\(zap\) cut hits Downing Street/);
    assert.equal(await row.locator('.codicon-zap').count(), 0, 'no icon drawn from the title');
    await screenshot(page, 'bbc-zap-quickpick');
    await page.keyboard.press('Escape');
  });

  it('inserts a citation asked for inside "Brown" after the line, keeping the word whole', async () => {
    await openFile(page, 'notes.md');
    const line = page.locator('.editor-instance .view-line', { hasText: 'Gordon Brown presented' }).first();
    await line.waitFor();
    await hoverWord(page, 'Gordon Brown presented', 'Gordon Bro');
    await page.mouse.down();
    await page.mouse.up();
    await runCommand(page, 'Corpus Lens: Insert Citation');
    await page.locator('.quick-input-widget .quick-input-title', { hasText: /Gordon Brown: \d+ mentions/ }).waitFor({ timeout: 20_000 });
    await page.keyboard.press('Enter');
    await page
      .locator('.editor-instance .view-line', { hasText: /^>\s—\s/ })
      .first()
      .waitFor({ timeout: 15_000 });
    // The rendered lines, top to bottom (a wrapped line is one element).
    const lines = await page
      .locator('.editor-instance .view-lines')
      .first()
      .evaluate((el) =>
        [...el.querySelectorAll<HTMLElement>('.view-line')]
          .sort((a, b) => a.offsetTop - b.offsetTop)
          .map((line) => (line.textContent ?? '').replace(/\u00a0/g, ' ')),
      );
    const said = lines.indexOf('Tony Blair and Gordon Brown presented the manifesto; Mr Blair spoke first.');
    assert.ok(said >= 0, `the word stays whole: ${JSON.stringify(lines)}`);
    assert.equal(lines[said + 1], '', 'a blank line before the quote');
    assert.match(lines[said + 2], /^> “/, 'what Gordon Brown said comes first, and Enter took it');
    const next = lines.indexOf('Michael Howard answered for the Conservatives.');
    assert.equal(lines[next - 1], '', 'a blank line after the quote');
    // The credit line may wrap on screen: its pieces are joined back.
    const credit = lines.findIndex((line, i) => i > said && line.startsWith('> — '));
    assert.match(lines.slice(credit, next - 1).join(''), /^> — Gordon Brown, \[.*\]\(<corpus\/.*\.txt#L\d+>\), BBC News, 2004–2005$/);
    await screenshot(page, 'bbc-citation');
  });
  it("shows Tony Blair's timeline: the BBC's years are a period, counted apart, never spread into months", async () => {
    await runCommand(page, 'Corpus Lens: Show Timeline for…');
    const input = page.locator('.quick-input-widget input');
    await input.fill('Tony Blair');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Tony Blair' }).first().waitFor();
    await page.keyboard.press('Enter');
    const frame = await webviewFrame(page, '#chart', 'the Timeline webview');
    await frame.locator('#outside', { hasText: 'Tony Blair' }).waitFor({ timeout: 20_000 });
    assert.match(await frame.locator('#summary').innerText(), /^Nothing to chart: no article here has a date within one month\.$/);
    assert.match(
      await frame.locator('#outside').innerText(),
      /Tony Blair: not in the chart, \d+ dated without a year, \d{3} dated only by a longer period, 0 undated\./,
    );
    await screenshot(page, 'bbc-timeline');
  });
});
