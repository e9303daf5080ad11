/** The article a command is about: a tree row, a file URI (explorer, editor title), else the active editor's file. */
import * as vscode from 'vscode';

export function articleTarget(target: unknown): string | undefined {
  if (target instanceof vscode.Uri) return target.fsPath;
  const fromTree = (target as { article?: { path?: unknown } } | undefined)?.article?.path;
  if (typeof fromTree === 'string') return fromTree;
  return vscode.window.activeTextEditor?.document.uri.fsPath;
}
