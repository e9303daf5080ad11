import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CorpusLensApi } from '../../src/extension';
import { activateExtension, labelOf, waitFor, workspaceRoot } from './helpers';

describe('Corpus Lens in a real VS Code', () => {
  let api: CorpusLensApi;
  before(async () => {
    api = await activateExtension();
  });

  it('activates and loads the five seeds from the workspace', () => {
    assert.equal(api.engine.size, 5);
    assert.equal(api.loading.state, 'ready');
  });

  it('shows the seeds grouped by source, unknown source last', async () => {
    const roots = await api.articlesTree.getChildren();
    assert.deepEqual(
      roots.map((n) => labelOf(api, n)),
      ['EIR', 'RFE/RL', 'SANA', 'Sputnik', 'Unknown source'],
    );
    const counts = roots.map((n) => api.articlesTree.getTreeItem(n).description);
    assert.deepEqual(counts, ['1', '1', '1', '1', '1']);
  });

  it('shows source → date → article with title, file name, an open command and a tooltip resolved on hover', async () => {
    const sana = (await api.articlesTree.getChildren()).find((n) => labelOf(api, n) === 'SANA');
    assert.ok(sana);
    const dates = await api.articlesTree.getChildren(sana);
    assert.deepEqual(
      dates.map((n) => labelOf(api, n)),
      ['Undated'],
    );
    const [article] = await api.articlesTree.getChildren(dates[0]);
    const item = api.articlesTree.getTreeItem(article);
    assert.equal(item.label, 'Lavrov: Russia isn’t’ conducting any secret negotiations about Syria');
    assert.equal(item.description, '001_c7973225191394ad.txt');
    assert.equal(item.command?.command, 'corpusLens.openArticle');
    assert.equal(item.tooltip, undefined, 'left undefined so that VS Code asks resolveTreeItem');
    const resolved = await api.articlesTree.resolveTreeItem(item, article);
    assert.match(
      String(resolved.tooltip),
      /^Lavrov: Russia isn’t’ conducting any secret negotiations about Syria\nSANA · Undated\nSame story: 1 other outlet \(Sputnik\)\n\nLavrov:/,
    );
  });

  it('opens an article at a line from its tree item command', async () => {
    const sputnik = (await api.articlesTree.getChildren()).find((n) => labelOf(api, n) === 'Sputnik');
    assert.ok(sputnik);
    const [date] = await api.articlesTree.getChildren(sputnik);
    const [article] = await api.articlesTree.getChildren(date);
    const command = api.articlesTree.getTreeItem(article).command;
    assert.ok(command);
    await vscode.commands.executeCommand(command.command, ...(command.arguments ?? []), 7);
    const editor = vscode.window.activeTextEditor;
    assert.equal(path.basename(editor?.document.uri.fsPath ?? ''), '000_24cedd494502b823.txt');
    assert.equal(editor?.selection.start.line, 7);
  });

  it('reveals the active article in the tree', async () => {
    await vscode.commands.executeCommand('corpusLens.revealActiveArticle');
    const node = await api.articlesTree.nodeFor(path.join(workspaceRoot().fsPath, 'seeds', '000_24cedd494502b823.txt'));
    assert.equal(node?.kind, 'article');
    assert.equal(api.articlesTree.getParent(node!) && labelOf(api, api.articlesTree.getParent(node!)!), '2021-08-01');
  });

  it('groups by date then source, and back', async () => {
    await vscode.commands.executeCommand('corpusLens.groupByDate');
    const roots = (await api.articlesTree.getChildren()).map((n) => labelOf(api, n));
    assert.deepEqual(roots, ['2021-08-01', '2016-06-04', 'Undated']);
    await vscode.commands.executeCommand('corpusLens.groupBySource');
    assert.equal(labelOf(api, (await api.articlesTree.getChildren())[0]), 'EIR');
  });

  it('adds an article created on disk without a reload (file watcher)', async () => {
    const file = vscode.Uri.joinPath(workspaceRoot(), 'seeds', 'new-article.txt');
    const text = 'Watcher Test Headline About Geneva\n\nBEIRUT (Reuters) – A new story filed on 3 March 2017.\n';
    await vscode.workspace.fs.writeFile(file, Buffer.from(text));
    await waitFor('the new article in the tree', async () => (await api.articlesTree.getChildren()).some((n) => labelOf(api, n) === 'Reuters'));
    await vscode.workspace.fs.delete(file);
    await waitFor('the deleted article to leave the tree', async () => !(await api.articlesTree.getChildren()).some((n) => labelOf(api, n) === 'Reuters'));
    assert.equal(api.engine.size, 5);
  });

  it('adds the articles of a folder copied into the corpus, and drops them when it is deleted', async () => {
    const folder = vscode.Uri.joinPath(workspaceRoot(), 'seeds', 'copied-folder');
    await vscode.workspace.fs.writeFile(
      vscode.Uri.joinPath(folder, 'inner', 'story.txt'),
      Buffer.from('Copied Folder Story Headline\n\nBEIRUT (Reuters) – Filed on 3 March 2017.\n'),
    );
    await waitFor('the copied article', () => api.engine.size === 6);
    await vscode.workspace.fs.delete(folder, { recursive: true });
    await waitFor('the copied article to go', () => api.engine.size === 5);
  });

  it('shows the welcome state when no corpus folder exists, and comes back', async () => {
    const config = vscode.workspace.getConfiguration('corpusLens');
    await config.update('corpusFolders', ['no-such-folder'], vscode.ConfigurationTarget.Workspace);
    try {
      await waitFor('the noFolders state', () => api.loading.state === 'noFolders');
      assert.deepEqual(await api.articlesTree.getChildren(), []);
      const welcome = (
        vscode.extensions.getExtension('corpus-lens.corpus-lens')?.packageJSON as { contributes: { viewsWelcome: { when: string; contents: string }[] } }
      ).contributes.viewsWelcome;
      const shown = welcome.find((w) => w.when === 'corpusLens.state == noFolders');
      assert.match(shown?.contents ?? '', /\[Open Sample Corpus\]\(command:corpusLens\.openSampleCorpus\)/);
    } finally {
      await config.update('corpusFolders', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await waitFor('the seeds to come back', () => api.loading.state === 'ready' && api.engine.size === 5);
  });

  it('refreshes on command and keeps the corpus', async () => {
    await vscode.commands.executeCommand('corpusLens.refresh');
    assert.equal(api.engine.size, 5);
  });

  it('shows what was read from an article, as plain text with line numbers', async () => {
    const file = vscode.Uri.joinPath(workspaceRoot(), 'seeds', '002_36d8fbcc4219a082.txt');
    const editor = (await vscode.commands.executeCommand('corpusLens.showWhatWasRead', file)) as vscode.TextEditor;
    const text = editor.document.getText();
    assert.match(text, /^title: {4}Lavrov: No Secret Russia-U\.S\. Talks On Syria$/m);
    assert.match(text, /^source: {3}RFE\/RL$/m);
    assert.match(text, /^date: {5}Undated$/m);
    assert.match(text, /^language: en$/m);
    assert.match(text, /^ {4}5 {2}Lavrov: No Secret/m);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });
});
