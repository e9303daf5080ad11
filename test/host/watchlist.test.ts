import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { CorpusLensApi } from '../../src/extension';
import { activateExtension, waitFor, workspaceRoot } from './helpers';

describe('the watchlist in the real VS Code', () => {
  let api: CorpusLensApi;
  const watchlist = () => vscode.Uri.joinPath(workspaceRoot(), '.corpus-lens', 'watchlist.json');
  const article = () => vscode.Uri.joinPath(workspaceRoot(), 'seeds', 'watched-article.txt');
  const described = async (text: string) => {
    const node = (await api.watchlist.getChildren()).find((n) => n.kind === 'entry' && n.result.entry.text === text);
    return node ? String(api.watchlist.getTreeItem(node).description) : '';
  };

  before(async () => {
    api = await activateExtension();
    await api.entities.whenReady();
  });

  after(async () => {
    await vscode.workspace.fs.delete(watchlist()).then(undefined, () => undefined);
    await vscode.workspace.fs.delete(article()).then(undefined, () => undefined);
    await waitFor('the watched article to leave', () => api.engine.size === 5);
  });

  it('counts the articles of each name and query of .corpus-lens/watchlist.json, comments allowed, saved with a byte-order mark', async () => {
    const text = '\uFEFF{\n  // whom I follow\n  "names": ["Brahimi"],\n  "queries": ["\\"secret talks\\" -denied"],\n}\n';
    await vscode.workspace.fs.writeFile(watchlist(), Buffer.from(text));
    await waitFor(
      'the watchlist counted',
      async () => (await described('Brahimi')) === '1 article' && (await described('"secret talks" -denied')) === '2 articles',
    );
  });

  it('marks an article that arrives and matches as new', async () => {
    await vscode.workspace.fs.writeFile(
      article(),
      Buffer.from('Secret talks resume\n\nGENEVA (Reuters) – The secret talks went on, Lakhdar Brahimi said on 3 March 2017.\n'),
    );
    await waitFor('the new match marked', async () => (await described('"secret talks" -denied')) === '3 articles · 1 new', 20_000);
    const entry = (await api.watchlist.getChildren()).find((n) => n.kind === 'entry' && n.result.entry.kind === 'query');
    assert.ok(entry);
    const first = (await api.watchlist.getChildren(entry))[0];
    assert.match(String(api.watchlist.getTreeItem(first).description), /^new · Reuters/);
  });

  it('names the line of a mistake in the file and keeps the last good counts', async () => {
    await vscode.workspace.fs.writeFile(watchlist(), Buffer.from('{\n  "names": ["Brahimi",\n    42]\n}\n'));
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const counts = await described('Brahimi');
    assert.ok(counts.startsWith('1 article') || counts.startsWith('2 articles'), 'the last good counts stay');
  });
});
