/** Which folders hold the corpus: the setting, else corpus/, articles/ or seeds/ in the workspace, plus the bundled sample when asked for. */
import { existsSync, statSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { setting } from './settings';

export const DEFAULT_FOLDER_NAMES = ['corpus', 'articles', 'seeds'];
const SAMPLE_KEY = 'corpusLens.useSampleCorpus';

function isDirectory(p: string): boolean {
  return existsSync(p) && statSync(p).isDirectory();
}

function workspaceRoots(): string[] {
  return (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath);
}

/** Absolute paths of the configured corpus folders (that may or may not exist). */
export function configuredFolders(): string[] {
  const folders = setting('corpusFolders');
  const roots = workspaceRoots();
  if (folders.length > 0) {
    return folders.flatMap((entry) => (path.isAbsolute(entry) ? [entry] : roots.map((root) => path.join(root, entry))));
  }
  return roots.flatMap((root) => DEFAULT_FOLDER_NAMES.map((name) => path.join(root, name))).filter(isDirectory);
}

export function sampleCorpusFolder(context: vscode.ExtensionContext): string {
  return path.join(context.extensionPath, 'seeds');
}

export function isSampleCorpusOn(context: vscode.ExtensionContext): boolean {
  return context.workspaceState.get<boolean>(SAMPLE_KEY, false);
}

export async function setSampleCorpus(context: vscode.ExtensionContext, on: boolean): Promise<void> {
  await context.workspaceState.update(SAMPLE_KEY, on);
}

/** Every folder to load, without duplicates; missing folders are left out (and reported by the caller). */
export function corpusFolders(context: vscode.ExtensionContext): { folders: string[]; missing: string[] } {
  const wanted = configuredFolders();
  if (isSampleCorpusOn(context)) wanted.push(sampleCorpusFolder(context));
  const unique = [...new Set(wanted.map((f) => path.resolve(f)))];
  return { folders: unique.filter(isDirectory), missing: unique.filter((f) => !isDirectory(f)) };
}
