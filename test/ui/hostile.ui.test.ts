import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { makeWorkspace } from '../../src/tools/sampleWorkspace';
import { hoverWord, runCommand } from '../../src/tools/workbench';
import { writeHostileCorpus } from '../fixtures/hostileCorpus';
import { openCorpusLensContainer, openFile, openWorkbench, screenshot, searchPanelFrame, startUiSession, type UiSession, waitForTreeLabel } from './helpers';

/** Every link target in a rendered card, and how many images it holds. */
async function cardDom(card: Locator): Promise<{ links: string[]; images: number }> {
  const links = await card.locator('a').evaluateAll((anchors) => anchors.map((a) => a.getAttribute('data-href') ?? a.getAttribute('href') ?? ''));
  return { links, images: await card.locator('img').count() };
}

async function cardOn(page: Page, line: string, words: string): Promise<Locator> {
  await page.mouse.move(0, 0);
  await hoverWord(page, line, words);
  const card = page.locator('.monaco-hover', { hasText: 'Mentioned in' });
  await card.waitFor({ timeout: 20_000 });
  return card;
}

describe('a hostile corpus in VS Code for the web (Playwright + Chromium)', () => {
  let session: UiSession;
  let page: Page;

  before(async function () {
    this.timeout(240_000);
    const workspace = makeWorkspace('sample');
    writeHostileCorpus(path.join(workspace, 'corpus'));
    writeFileSync(path.join(workspace, 'hostile-note.md'), '# A note\n\nWhat did Tony Blair say about it?\n');
    session = await startUiSession();
    page = session.page;
    await openWorkbench(page, session.server.url(workspace));
    await openCorpusLensContainer(page);
    try {
      await waitForTreeLabel(page, 'Tony Blair', 'People & Organizations', 60_000);
    } catch {
      // The names did not come in a minute twice in 6 CI runs (never alone, the machine idle): kept for
      // whoever looks into it; a user would run Refresh, so the set-up does, and must then see them.
      await screenshot(page, 'hostile-names-late');
      await runCommand(page, 'Corpus Lens: Refresh');
      await waitForTreeLabel(page, 'Tony Blair', 'People & Organizations', 90_000);
    }
  });

  after(() => session?.stop());

  it('renders cards in a hostile article and in a note with no link but our commands and no image', async () => {
    await openFile(page, 'markdown-title.md');
    let card = await cardOn(page, 'Tony Blair spoke today', 'Tony Blair');
    let dom = await cardDom(card);
    assert.ok(dom.links.length > 0 && dom.links.every((href) => href.startsWith('command:corpusLens.')), dom.links.join('\n'));
    assert.equal(dom.images, 0);
    assert.match(await card.innerText(), /https:\/\/evil\.example|\[brackets\]\(command:evil\)|www\.evil\.example/, 'the hostile text is shown, as text');
    await screenshot(page, 'hostile-card-article');
    await openFile(page, 'hostile-note.md');
    card = await cardOn(page, 'What did Tony Blair', 'Tony Blair');
    dom = await cardDom(card);
    assert.ok(
      dom.links.every((href) => href.startsWith('command:corpusLens.')),
      dom.links.join('\n'),
    );
    assert.equal(dom.images, 0);
    await screenshot(page, 'hostile-card-note');
    await page.mouse.move(0, 0);
  });

  it('shows hostile text in the search panel as text: no link, no image', async () => {
    await runCommand(page, 'Corpus Lens: Open Search Panel');
    const frame = await searchPanelFrame(page);
    const box = frame.locator('#query');
    await box.fill('');
    await box.pressSequentially('evil', { delay: 30 });
    // The index of the hostile corpus (a page of 15,000 paragraphs) may still be loading on a busy machine.
    await frame.locator('#results .hit').first().waitFor({ timeout: 60_000 });
    const results = frame.locator('#results');
    assert.equal(await results.locator('a[href], img, iframe, script').count(), 0);
    assert.match(await results.innerText(), /evil/);
    await screenshot(page, 'hostile-search-panel');
  });
});
