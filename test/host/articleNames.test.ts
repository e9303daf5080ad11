import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activateExtension, workspaceRoot, waitFor } from './helpers';

type Pick = vscode.QuickPick<vscode.QuickPickItem & { mention?: { text: string; line: number } }>;

describe('names in an article, recognized in the engine worker', () => {
  before(() => activateExtension());
  afterEach(() => vscode.commands.executeCommand('workbench.action.closeQuickOpen'));

  it('lists the people and organizations of the active article, grouped by type, and goes to a name', async () => {
    const file = vscode.Uri.joinPath(workspaceRoot(), 'seeds', '003_53251bd098308f0e.txt');
    await vscode.window.showTextDocument(file);
    const pick = (await vscode.commands.executeCommand('corpusLens.listNamesInArticle')) as Pick;
    const separators = pick.items.filter((i) => i.kind === vscode.QuickPickItemKind.Separator).map((i) => i.label);
    assert.deepEqual(separators, ['People', 'Organizations', 'Places', 'Other names']);
    const kerry = pick.items.find((i) => i.label.endsWith(' John Kerry'));
    assert.ok(kerry, 'John Kerry is listed');
    assert.match(kerry.description ?? '', /U\.S\. Secretary of State/);
    assert.ok(pick.items.some((i) => i.label.endsWith(' State Department')));
    // Filtering as a user types: the renderer then makes the one matching row active.
    pick.value = 'John Kerry';
    await waitFor('John Kerry to be the active row', () => pick.activeItems[0]?.label === kerry.label);
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    const selected = () => {
      const editor = vscode.window.activeTextEditor;
      return editor ? `${path.basename(editor.document.uri.fsPath)}:${editor.selection.start.line}:${editor.document.getText(editor.selection)}` : 'no editor';
    };
    await waitFor('the selection on John Kerry', () => selected().endsWith(':John Kerry')).catch((e: Error) => {
      throw new Error(`${e.message}; selection is ${selected()}; pick visible items ${pick.selectedItems.length}`);
    });
    assert.equal(path.basename(vscode.window.activeTextEditor!.document.uri.fsPath), '003_53251bd098308f0e.txt');
  });

  it('says so when the target is not an article of the corpus', async () => {
    const result = await vscode.commands.executeCommand('corpusLens.listNamesInArticle', vscode.Uri.file('/tmp/not-in-the-corpus.txt'));
    assert.equal(result, undefined);
  });
});
