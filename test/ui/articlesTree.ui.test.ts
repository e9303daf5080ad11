import * as assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { makeWorkspace } from '../../src/tools/sampleWorkspace';
import { runCommand } from '../../src/tools/workbench';
import { clickTreeRow, openCorpusLensContainer, openWorkbench, screenshot, startUiSession, treeLabels, waitForTreeLabel, type UiSession } from './helpers';

/** A saved web page of our own: its site's name, a date line under the headline, a byline, German text, furniture. */
const SAVED_PAGE = `<!doctype html><html><head><title>Stadtrat beschließt Haushalt | Hamburger Lokalblatt</title>
<meta property="og:site_name" content="Hamburger Lokalblatt"></head><body>
<nav><a href="/">Start</a> <a href="/politik">Politik</a></nav>
<article><h1>Stadtrat beschließt Haushalt</h1><p class="news-subtitle">Hamburg, 2. November 2021</p>
<p class="byline">Von Marie Jaster</p>
<p>Der Stadtrat hat am Dienstag nach langer Debatte den Haushalt für das kommende Jahr beschlossen und mehr Geld für die Schulen der Stadt bereitgestellt.</p>
<figure><img src="rat.jpg"><figcaption>Der Sitzungssaal am Dienstag (Foto: Archiv)</figcaption></figure>
<p>Die Opposition kritisierte, dass für den Straßenbau weniger Mittel vorgesehen sind als im vergangenen Jahr, und kündigte Anträge an.</p>
</article></body></html>
`;

describe('Corpus Lens in VS Code for the web (Playwright + Chromium)', function () {
  let session: UiSession;
  let page: Page;

  before(async () => {
    session = await startUiSession();
    page = session.page;
  });

  after(() => session?.stop());

  it('lists every source of the seeds in the tree, the unknown one last', async () => {
    await openWorkbench(page, session.server.url(makeWorkspace('sample')));
    await openCorpusLensContainer(page);
    await waitForTreeLabel(page, 'Unknown source');
    assert.deepEqual(await treeLabels(page), ['EIR', 'RFE/RL', 'SANA', 'Sputnik', 'Unknown source']);
  });

  it('expands a source and a date, and opens the article', async () => {
    await clickTreeRow(page, 'Sputnik');
    await waitForTreeLabel(page, '2021-08-01');
    await clickTreeRow(page, '2021-08-01');
    const title = 'The Russian foreign minister said Moscow';
    await waitForTreeLabel(page, title);
    await clickTreeRow(page, title);
    const tab = page.locator('.tabs-container .tab', { hasText: '000_24cedd494502b823.txt' });
    await tab.waitFor({ timeout: 15_000 });
    await page.locator('.editor-instance .view-lines', { hasText: 'Listen Live' }).waitFor({ timeout: 15_000 });
    const labels = await treeLabels(page);
    assert.deepEqual(labels.slice(0, 5), ['EIR', 'RFE/RL', 'SANA', 'Sputnik', '2021-08-01']);
    await screenshot(page, 'articles-tree');
  });

  it('files a saved web page under its site and the date under its headline, and shows what was read from it', async () => {
    const workspace = makeWorkspace('sample');
    // articles/ beside seeds/: both are the corpus when no folder is set.
    mkdirSync(path.join(workspace, 'articles'));
    writeFileSync(path.join(workspace, 'articles', 'stadtrat.html'), SAVED_PAGE);
    await openWorkbench(page, session.server.url(workspace));
    await openCorpusLensContainer(page);
    await waitForTreeLabel(page, 'Hamburger Lokalblatt');
    await clickTreeRow(page, 'Hamburger Lokalblatt');
    await waitForTreeLabel(page, '2021-11-02');
    await clickTreeRow(page, '2021-11-02');
    await waitForTreeLabel(page, 'Stadtrat beschließt Haushalt');
    await clickTreeRow(page, 'Stadtrat beschließt Haushalt');
    await page.locator('.tabs-container .tab', { hasText: 'stadtrat.html' }).waitFor({ timeout: 15_000 });
    await runCommand(page, 'Corpus Lens: Show What Was Read');
    const view = page.locator('.editor-instance .view-lines', { hasText: 'What Corpus Lens read' });
    await view.waitFor({ timeout: 15_000 });
    for (const line of ['source:   Hamburger Lokalblatt', 'date:     2021-11-02', 'author:   Marie Jaster', 'language: de']) {
      await page.locator('.editor-instance .view-lines', { hasText: line }).waitFor({ timeout: 5_000 });
    }
    assert.equal(await page.locator('.editor-instance .view-lines', { hasText: 'Sitzungssaal' }).count(), 0, 'the caption is not reading text');
    // Each paragraph with its line in the file (1-based): the byline on 5, the second paragraph on 8; the date line is the page's date, not its text.
    await page.locator('.editor-instance .view-lines', { hasText: '5  Von Marie Jaster' }).waitFor({ timeout: 5_000 });
    assert.equal(await page.locator('.editor-instance .view-lines', { hasText: 'Hamburg, 2. November' }).count(), 0);
    await page.locator('.editor-instance .view-lines', { hasText: '8  Die Opposition kritisierte' }).waitFor({ timeout: 5_000 });
    await screenshot(page, 'what-was-read-web-page');
  });

  it('offers the sample corpus when the workspace has none, and loads it on click', async () => {
    await openWorkbench(page, session.server.url(makeWorkspace('empty')));
    await openCorpusLensContainer(page);
    const button = page
      .locator('.part.sidebar .welcome-view-content a, .part.sidebar .welcome-view-content .monaco-button', { hasText: 'Open Sample Corpus' })
      .first();
    await button.waitFor({ timeout: 30_000 });
    assert.ok(await page.locator('.part.sidebar .welcome-view-content', { hasText: 'Choose Corpus Folder' }).count());
    await screenshot(page, 'welcome');
    await button.click();
    await waitForTreeLabel(page, 'Unknown source');
    assert.deepEqual(await treeLabels(page), ['EIR', 'RFE/RL', 'SANA', 'Sputnik', 'Unknown source']);
    await screenshot(page, 'sample-corpus-opened');
  });
});
