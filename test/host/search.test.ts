import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CorpusLensApi } from '../../src/extension';
import { activateExtension, waitFor } from './helpers';

type Pick = vscode.QuickPick<vscode.QuickPickItem & { hit?: { path: string } }>;

describe('searching in a real VS Code', () => {
  let api: CorpusLensApi;
  before(async () => {
    api = await activateExtension();
  });

  afterEach(() => vscode.commands.executeCommand('workbench.action.closeQuickOpen'));

  it('shows QuickPick results for a query on the seeds, as you type', async () => {
    const pick = (await vscode.commands.executeCommand('corpusLens.searchArticles', 'secret negotiations')) as Pick;
    await waitFor('QuickPick items', () => pick.items.length > 0 && !pick.busy);
    assert.deepEqual(pick.items.map((i) => path.basename(i.hit?.path ?? '')).sort(), [
      '000_24cedd494502b823.txt',
      '001_c7973225191394ad.txt',
      '002_36d8fbcc4219a082.txt',
    ]);
    assert.ok(
      pick.items.every((i) => /secret/i.test(i.detail ?? '')),
      'every row shows a snippet with the words',
    );
    assert.match(pick.items[0].description ?? '', / · /);
    pick.value = 'Brahimi';
    await waitFor('the items for the new value', () => pick.items.length === 1 && !pick.busy);
    assert.equal(pick.items[0].description, 'RFE/RL · Undated');
  });

  it('opens the article at the hit with the word selected on Enter', async () => {
    const pick = (await vscode.commands.executeCommand('corpusLens.searchArticles', 'Toner')) as Pick;
    await waitFor('QuickPick items', () => pick.items.length === 1 && !pick.busy);
    pick.activeItems = [pick.items[0]];
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await waitFor('the article to open', () => path.basename(vscode.window.activeTextEditor?.document.uri.fsPath ?? '') === '003_53251bd098308f0e.txt');
    const editor = vscode.window.activeTextEditor!;
    assert.equal(editor.document.getText(editor.selection), 'Toner');
    assert.equal(editor.selection.start.line, 7);
  });

  it('explains a malformed query in the QuickPick', async () => {
    const pick = (await vscode.commands.executeCommand('corpusLens.searchArticles', '"Security Council')) as Pick;
    await waitFor('the error row', () => pick.items.length === 1 && !pick.busy);
    assert.match(pick.items[0].label, /Unbalanced quote/);
  });

  it('runs a query in the search panel webview and gets its results back', async () => {
    await vscode.commands.executeCommand('corpusLens.openSearchPanel', '"Security Council"');
    await waitFor(
      'results from the panel',
      () => api.searchPanel.lastResults?.type === 'results' && api.searchPanel.lastResults.query === '"Security Council"',
      20_000,
    );
    const results = api.searchPanel.lastResults;
    assert.ok(results?.type === 'results');
    assert.equal(results.total, 4);
    assert.ok(results.hits.every((h) => /Security Council/.test(h.snippet)));
    const sources = results.facets.find((g) => g.title === 'Source');
    assert.ok(
      sources?.facets.some((f) => f.label === 'Sputnik' && f.filter === 'source:Sputnik'),
      'facets carry the filter they add and their label',
    );
  });

  it('says in the status bar and in the QuickPick that search is off when the index would pass corpusLens.memoryBudgetMB', async () => {
    assert.equal(api.searchStatus.text, undefined, 'nothing in the status bar while search is ready');
    const config = vscode.workspace.getConfiguration('corpusLens');
    await config.update('memoryBudgetMB', 0.01, vscode.ConfigurationTarget.Workspace);
    try {
      await waitFor('the status bar item', () => /search is off/.test(api.searchStatus.text ?? ''), 20_000);
      const pick = (await vscode.commands.executeCommand('corpusLens.searchArticles', 'Lavrov')) as Pick;
      await waitFor('the message row', () => pick.items.length === 1 && !pick.busy);
      assert.match(pick.items[0].label, /Search is off for this corpus: its index \(5 articles/);
      assert.ok(api.engine.size >= 5, 'the tree keeps its articles');
    } finally {
      await config.update('memoryBudgetMB', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await waitFor('search back on', () => api.searchStatus.text === undefined && api.engine.searchState.kind === 'ready', 20_000);
  });
});
