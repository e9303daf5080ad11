import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { CorpusLensApi } from '../../src/extension';
import { activateExtension, waitFor, workspaceRoot } from './helpers';

describe('corpus names in your notes, in the real VS Code', () => {
  let api: CorpusLensApi;
  const note = () => vscode.Uri.joinPath(workspaceRoot(), 'notes-test.md');
  const marks = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Corpus Lens');

  before(async () => {
    api = await activateExtension();
    await api.entities.whenReady();
    await vscode.workspace.fs.writeFile(note(), Buffer.from('# Test note\n\nLakhdar Brahimi met Lavrov in Cairo.\n\n> John Kerry, quoted: “We are close”\n'));
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(note());
  });

  it('marks the names of the corpus a note does not cite, not the ones in a quote', async () => {
    const document = await vscode.workspace.openTextDocument(note());
    await vscode.window.showTextDocument(document);
    await waitFor('marks on the note', () => marks(note()).length === 2);
    assert.deepEqual(
      marks(note()).map((d) => [d.range.start.line, document.getText(d.range), d.message]),
      [
        [2, 'Lakhdar Brahimi', 'Lakhdar Brahimi is in the corpus and not cited in this note'],
        [2, 'Lavrov', 'Sergei Lavrov is in the corpus and not cited in this note'],
      ],
    );
  });

  it('links a name to the latest article in one undo step, and the mark goes', async () => {
    const document = await vscode.workspace.openTextDocument(note());
    const mark = marks(note())[0];
    const actions = (await vscode.commands.executeCommand('vscode.executeCodeActionProvider', note(), mark.range)) as vscode.CodeAction[];
    const titles = actions.map((a) => a.title);
    assert.ok(titles.includes('Insert citation for Lakhdar Brahimi'), titles.join(', '));
    const link = actions.find((a) => a.title === 'Link Lakhdar Brahimi to the latest article');
    assert.ok(link?.edit);
    await vscode.workspace.applyEdit(link.edit);
    assert.match(document.lineAt(2).text, /^\[Lakhdar Brahimi\]\(<seeds\/002_36d8fbcc4219a082\.txt#L\d+>\) met Lavrov in Cairo\.$/);
    await waitFor('the linked name unmarked', () => marks(note()).length === 1);
    await vscode.commands.executeCommand('undo');
    assert.equal(document.lineAt(2).text, 'Lakhdar Brahimi met Lavrov in Cairo.');
  });

  it('shows the note lines that name an entity in its hover card and under it in the People view', async () => {
    const article = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(workspaceRoot(), 'seeds', '002_36d8fbcc4219a082.txt'));
    const at = article.getText().indexOf('Brahimi');
    const hovers = (await vscode.commands.executeCommand('vscode.executeHoverProvider', article.uri, article.positionAt(at + 1))) as vscode.Hover[];
    const card = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(card, /\*\*In your notes\*\*/);
    assert.match(card, /\[notes\\-test\\\.md\\:3\]\(command:corpusLens\.openArticle\?[^)]*notes-test\.md%22%2C2%5D/, 'a link to line 3 of the note');
    const people = await api.entitiesTree.getChildren((await api.entitiesTree.getChildren())[0]);
    const brahimi = people.find((n) => n.kind === 'entity' && n.entity.name === 'Lakhdar Brahimi');
    assert.ok(brahimi);
    const children = await api.entitiesTree.getChildren(brahimi);
    const notes = children.find((n) => n.kind === 'notes');
    assert.ok(notes, 'an "In your notes" child');
    assert.match(String(api.entitiesTree.getTreeItem((await api.entitiesTree.getChildren(notes))[0]).description), /notes-test\.md:3$/);
  });
});
