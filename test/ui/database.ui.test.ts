import * as assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { makeWorkspace } from '../../src/tools/sampleWorkspace';
import { startSeedsDatabase, type SeedsDatabase } from '../../src/tools/testDatabase';
import { hoverWord, runCommand } from '../../src/tools/workbench';
import {
  openCorpusLensContainer,
  openFile,
  openWorkbench,
  screenshot,
  searchPanelFrame,
  startUiSession,
  treeRows,
  waitForTreeLabel,
  type UiSession,
} from './helpers';

describe('the extension on a PostgreSQL database, as a person sets it up (Playwright + Chromium)', () => {
  let database: SeedsDatabase;
  let session: UiSession;
  let page: Page;

  before(async () => {
    database = await startSeedsDatabase('uidb');
    const workspace = makeWorkspace('sample');
    mkdirSync(path.join(workspace, '.vscode'), { recursive: true });
    writeFileSync(path.join(workspace, '.vscode', 'settings.json'), JSON.stringify({ 'corpusLens.backend.url': database.url }, null, 2));
    session = await startUiSession();
    page = session.page;
    await openWorkbench(page, session.server.url(workspace));
    await openCorpusLensContainer(page);
    await waitForTreeLabel(page, 'Unknown source');
  });

  after(async () => {
    await session?.stop();
    database?.server.stop();
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await screenshot(page, `database-failed-${this.currentTest.title.slice(0, 30).replace(/\W+/g, '-')}`);
  });

  it('says in the search panel that the database wants its password, then searches there once it is typed', async () => {
    await runCommand(page, 'Corpus Lens: Open Search Panel');
    const frame = await searchPanelFrame(page);
    const box = frame.locator('#query');
    const wantsPassword = frame.locator('#status .error', { hasText: 'Set Database Password' });
    // A query typed while the panel's page is still starting is lost (seen once in CI: an empty box): typed again.
    for (let attempt = 0; attempt < 4 && !(await wantsPassword.isVisible()); attempt++) {
      await box.fill('');
      await box.pressSequentially('quokka', { delay: 30 });
      await wantsPassword.waitFor({ timeout: 7_500 }).catch(() => undefined);
    }
    await wantsPassword.waitFor({ timeout: 5_000 });
    await screenshot(page, 'database-no-password');

    await runCommand(page, 'Corpus Lens: Set Database Password');
    const input = page.locator('.quick-input-widget input');
    await page.locator('.quick-input-widget', { hasText: 'secret storage' }).waitFor();
    assert.equal(await input.getAttribute('type'), 'password', 'the password is typed in a masked box');
    await input.pressSequentially(database.password, { delay: 10 });
    await page.keyboard.press('Enter');

    const again = await searchPanelFrame(page);
    await again.locator('#query').fill('');
    await again.locator('#query').pressSequentially('quokka', { delay: 30 });
    await again.locator('#status', { hasText: '1 article' }).waitFor({ timeout: 30_000 });
    await again.locator('#results .hit', { hasText: 'Quokkas at the talks' }).waitFor();
    await page.locator('.statusbar-item', { hasText: '/uidb' }).waitFor({ timeout: 15_000 });
    await again.locator('#query').fill('"Security Council"');
    await again.locator('#status', { hasText: '4 articles' }).waitFor({ timeout: 15_000 });
    await screenshot(page, 'database-search');
  });

  it('hovers a name in a note with the card of the names the ingest stored in the database, and lists them in the People view', async () => {
    await openFile(page, 'notes.md');
    await hoverWord(page, 'Sergey Lavrov keeps', 'Sergey Lavrov');
    const hover = page.locator('.monaco-hover', { hasText: 'Mentioned in 5 articles' });
    await hover.waitFor({ timeout: 20_000 });
    const card = await hover.innerText();
    assert.match(card, /Sergei Lavrov/);
    for (const source of ['Sputnik', 'SANA', 'RFE/RL', 'EIR']) assert.ok(card.includes(source), `the card names ${source}`);
    await screenshot(page, 'database-hover');
    await page.mouse.move(5, 5);
    const row = treeRows(page, 'People & Organizations')
      .filter({ has: page.locator('.label-name', { hasText: 'Sergei Lavrov' }) })
      .first();
    await row.waitFor({ timeout: 15_000 });
    assert.match(await row.innerText(), /30 in 5 articles/);
  });
});
