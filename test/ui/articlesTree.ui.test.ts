import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { makeWorkspace } from '../../src/tools/sampleWorkspace';
import { clickTreeRow, openCorpusLensContainer, openWorkbench, screenshot, startUiSession, treeLabels, waitForTreeLabel, type UiSession } from './helpers';

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
