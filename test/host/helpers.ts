import * as vscode from 'vscode';
import type { CorpusLensApi } from '../../src/extension';
import type { ArticlesNode } from '../../src/features/articlesTree';

export const EXTENSION_ID = 'corpus-lens.corpus-lens';

export async function activateExtension(): Promise<CorpusLensApi> {
  const extension = vscode.extensions.getExtension<CorpusLensApi>(EXTENSION_ID);
  if (!extension) throw new Error(`extension ${EXTENSION_ID} is not installed in this host`);
  const api = await extension.activate();
  await api.ready;
  return api;
}

export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the in-host tests need a workspace folder holding seeds/');
  return folder.uri;
}

export function labelOf(api: CorpusLensApi, node: ArticlesNode): string {
  const label = api.articlesTree.getTreeItem(node).label;
  return typeof label === 'string' ? label : (label?.label ?? '');
}

/** Polls until the condition holds, or fails with what it was waiting for. */
export async function waitFor(what: string, condition: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}
