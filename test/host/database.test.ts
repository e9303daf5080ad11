import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CorpusLensApi } from '../../src/extension';
import { backendUrl } from '../../src/features/shared/databaseBackend';
import type { Log } from '../../src/features/shared/log';
import { activateExtension, labelOf, waitFor } from './helpers';

type Pick = vscode.QuickPick<vscode.QuickPickItem & { hit?: { path: string } }>;

/** Set by the runner (src/tools/runHostTests.ts): a PostgreSQL database holding the seeds and one more article. */
const database = JSON.parse(process.env.CORPUS_LENS_TEST_DATABASE ?? 'null') as { url: string; password: string } | null;

async function pickFiles(query: string): Promise<string[]> {
  const pick = (await vscode.commands.executeCommand('corpusLens.searchArticles', query)) as Pick;
  try {
    await waitFor(`results for ${query}`, () => pick.items.length > 0 && !pick.busy);
    return pick.items.map((i) => path.basename(i.hit?.path ?? '')).sort();
  } finally {
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
  }
}

describe('the extension on a PostgreSQL database (corpusLens.backend.url)', function () {
  this.timeout(60_000);
  let api: CorpusLensApi;
  const config = () => vscode.workspace.getConfiguration('corpusLens');

  before(async function () {
    assert.ok(database, 'the runner starts a PostgreSQL server for these tests');
    api = await activateExtension();
  });

  after(async () => {
    await config().update('backend.url', undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.commands.executeCommand('corpusLens.setDatabasePassword', '');
    await waitFor('the embedded index again', async () => {
      const outcome = await api.engine.search('quokka');
      return outcome.ok && outcome.total === 0;
    });
  });

  it('searches in the database once its address is set and its password is given, the tree unchanged', async () => {
    const treeBefore = (await api.articlesTree.getChildren()).map((n) => labelOf(api, n));
    await config().update('backend.url', database?.url, vscode.ConfigurationTarget.Workspace);
    await vscode.commands.executeCommand('corpusLens.setDatabasePassword', database?.password);
    // The article only the database holds is found: search ran there.
    await waitFor('a hit from the database', async () => {
      const outcome = await api.engine.search('quokka');
      return outcome.ok && outcome.total === 1;
    });
    assert.deepEqual(await pickFiles('quokka'), ['only-in-the-database.txt']);
    await waitFor('the status bar naming the database', () => api.searchStatus.text === `$(database) ${new URL(database?.url ?? '').host}/hostdb`);
    assert.deepEqual(await pickFiles('secret negotiations'), ['000_24cedd494502b823.txt', '001_c7973225191394ad.txt', '002_36d8fbcc4219a082.txt']);
    assert.deepEqual(
      (await api.articlesTree.getChildren()).map((n) => labelOf(api, n)),
      treeBefore,
    );
  });

  it('shows hover cards on the database backend from the names the ingest stored there', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: 'Sergey Lavrov spoke.' });
    await vscode.window.showTextDocument(doc);
    // The names come from the database (the ingest recognized them): this window recognizes none.
    await waitFor('the names from the database', () => api.entities.ready && (api.entities.lastReport?.fromStored ?? 0) > 0, 60_000);
    assert.equal(api.entities.lastReport?.recognized, 0);
    await waitFor('a hover card for Lavrov', async () => {
      const hovers = (await vscode.commands.executeCommand('vscode.executeHoverProvider', doc.uri, new vscode.Position(0, 9))) as vscode.Hover[];
      return hovers.some((h) => h.contents.some((c) => (c as vscode.MarkdownString).value?.includes('Lavrov')));
    });
  });

  it('says so in the search when the database refuses the password, and recovers when it is right', async () => {
    await vscode.commands.executeCommand('corpusLens.setDatabasePassword', 'not-the-password');
    await waitFor('a message about the database', async () => {
      const outcome = await api.engine.search('quokka');
      return !outcome.ok && /refused the password/.test(outcome.error);
    });
    await vscode.commands.executeCommand('corpusLens.setDatabasePassword', database?.password);
    await waitFor('search in the database again', async () => {
      const outcome = await api.engine.search('quokka');
      return outcome.ok && outcome.total === 1;
    });
  });

  it("connects without a password, and says why, when VS Code's secret storage cannot be read", async () => {
    const errors: string[] = [];
    const log = { channel: { error: (message: string) => errors.push(message) } } as unknown as Log;
    const lockedKeyring = { secrets: { get: () => Promise.reject(new Error('the keyring is locked')) } } as unknown as vscode.ExtensionContext;
    await config().update('backend.url', database?.url, vscode.ConfigurationTarget.Workspace);
    const url = await backendUrl(lockedKeyring, log);
    assert.equal(url, database?.url);
    assert.deepEqual(errors, ["Could not read the database password from VS Code's secret storage (the keyring is locked); connecting without it."]);
  });
});
