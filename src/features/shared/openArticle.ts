/** The one way features open an article: at a line, with the matched words selected when known. */
import * as vscode from 'vscode';

export async function openArticle(filePath: string, line?: number, match?: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(vscode.Uri.file(filePath));
  const options: vscode.TextDocumentShowOptions = { preview: true };
  if (line !== undefined && document.lineCount > 0) {
    options.selection = selectionFor(document, Math.min(Math.max(line, 0), document.lineCount - 1), match);
  }
  const editor = await vscode.window.showTextDocument(document, options);
  if (options.selection) editor.revealRange(options.selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  return editor;
}

/** The first occurrence of the match from that line on (a paragraph may span lines); else the whole line. */
function selectionFor(document: vscode.TextDocument, line: number, match?: string): vscode.Range {
  if (match) {
    const needle = match.toLowerCase();
    for (let l = line; l < Math.min(document.lineCount, line + 20); l++) {
      const at = document.lineAt(l).text.toLowerCase().indexOf(needle);
      if (at >= 0) return new vscode.Range(l, at, l, at + match.length);
    }
  }
  return document.lineAt(line).range;
}
