/** The user's files in `.corpus-lens/` of the first workspace folder: read as text, with a message when they cannot be. */
import { promises as fs } from 'node:fs';
import * as vscode from 'vscode';

export type WorkspaceFileRead = { text: string } | { missing: true } | { error: string };

export function workspaceFile(relative: string): vscode.Uri | undefined {
  const folder = vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === 'file');
  return folder && vscode.Uri.joinPath(folder.uri, relative);
}

export async function readWorkspaceFile(relative: string): Promise<WorkspaceFileRead> {
  const file = workspaceFile(relative);
  if (!file) return { missing: true };
  // From disk, not through vscode.workspace.fs (the folder is a file: one): while a window opens, that
  // round trip through the workbench took 0.2–1.2 s, even for a file that is not there.
  try {
    // A byte-order mark (Notepad's) is not part of the text, as TextDecoder had it.
    return { text: (await fs.readFile(file.fsPath, 'utf8')).replace(/^\uFEFF/, '') };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { missing: true };
    return { error: `${relative} cannot be read: ${(error as Error).message}.` };
  }
}

/** A message about a user's file: always in the output channel, as a notification too when the user just edited it. */
export function reportFileProblem(channel: vscode.LogOutputChannel, message: string, userAction: boolean): void {
  channel.error(message);
  if (userAction) void vscode.window.showWarningMessage(`Corpus Lens: ${message}`);
}

/**
 * Watches one file of the workspace (and its folder: a file written with its new folder may arrive as
 * one folder event). A save is seen twice, by the watcher and as a saved document: the events of
 * 100 ms make one call.
 */
export function watchWorkspaceFile(relative: string, changed: () => void): vscode.Disposable[] {
  const folder = relative.slice(0, relative.lastIndexOf('/'));
  const watcher = vscode.workspace.createFileSystemWatcher(`**/{${folder},${relative}}`);
  let pending: NodeJS.Timeout | undefined;
  const onChange = (): void => {
    clearTimeout(pending);
    pending = setTimeout(changed, 100);
  };
  return [
    watcher,
    { dispose: () => clearTimeout(pending) },
    watcher.onDidCreate(onChange),
    watcher.onDidChange(onChange),
    watcher.onDidDelete(onChange),
    // A watcher can miss a file created with its folder; a save in the editor is never missed.
    vscode.workspace.onDidSaveTextDocument((document) => {
      if (document.uri.path.endsWith(`/${relative}`)) onChange();
    }),
  ];
}
