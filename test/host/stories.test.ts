import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CorpusLensApi } from '../../src/extension';
import { activateExtension, labelOf, workspaceRoot } from './helpers';

describe('stories and quotes in the real VS Code', () => {
  let api: CorpusLensApi;

  before(async () => {
    api = await activateExtension();
    await api.entities.whenReady();
  });

  after(async () => {
    await vscode.commands.executeCommand('corpusLens.groupBySource');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('groups the Articles tree by story: Sputnik and SANA in one story, the rest not in a story', async () => {
    await vscode.commands.executeCommand('corpusLens.groupByStory');
    const roots = await api.articlesTree.getChildren();
    assert.deepEqual(
      roots.map((n) => labelOf(api, n)),
      ['The Russian foreign minister said Moscow and Washington held no secret negotiations on Syria in Geneva.', 'Not in a story'],
    );
    const story = await api.articlesTree.getChildren(roots[0]);
    assert.deepEqual(story.map((n) => api.articlesTree.getTreeItem(n).description).sort(), ['SANA · Undated', 'Sputnik · 2021-08-01']);
    const tooltip = (await api.articlesTree.resolveTreeItem(api.articlesTree.getTreeItem(story[0]), story[0])).tooltip;
    assert.match(String(tooltip), /Same story: 1 other outlet \((SANA|Sputnik)\)/);
  });

  it('hovering Lavrov in a note shows what he said, and marks the articles of a story', async () => {
    const note = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(workspaceRoot(), 'notes.md'));
    const at = note.getText().indexOf('Lavrov');
    const hovers = (await vscode.commands.executeCommand('vscode.executeHoverProvider', note.uri, note.positionAt(at + 1))) as vscode.Hover[];
    const card = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(card, /\*\*Said\*\*/);
    assert.match(card, /“There are no secret talks between Russia and the United States”/);
    assert.match(card, /same story: 1 other outlet/);
  });

  it('opens Compare Coverage on the Sputnik article: two columns, shared passages, names in common', async () => {
    const file = vscode.Uri.joinPath(workspaceRoot(), 'seeds', '000_24cedd494502b823.txt');
    const panel = (await vscode.commands.executeCommand('corpusLens.compareCoverage', file)) as vscode.WebviewPanel | undefined;
    assert.ok(panel, 'a panel opened');
    const coverage = await api.engine.compareCoverage(file.fsPath);
    assert.deepEqual(
      coverage?.articles.map((a) => path.basename(a.path)),
      ['000_24cedd494502b823.txt', '001_c7973225191394ad.txt'],
    );
    assert.ok(
      coverage.articles[0].passages.some((p) => p.sharedWith.length > 0),
      'some passage is shared',
    );
    assert.ok(
      coverage.names.some((n) => n.name === 'Sergei Lavrov' && n.written[1].includes('Sergey Lavrov')),
      'Sputnik writes Sergei, SANA Sergey',
    );
    panel.dispose();
  });

  it('said: in search finds the articles that quote Brahimi', async () => {
    const outcome = await api.engine.search('said:brahimi');
    assert.ok(outcome.ok);
    assert.deepEqual(
      outcome.hits.map((h) => path.basename(h.path)),
      ['002_36d8fbcc4219a082.txt'],
    );
  });
});
