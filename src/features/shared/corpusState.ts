/** What features know of the corpus load: its state, and a way to reload it (corpusLoading.ts implements it). */
import type * as vscode from 'vscode';

export type CorpusState = 'noFolders' | 'loading' | 'empty' | 'ready';

export interface CorpusLoading {
  /** Reloads everything; `userAction` makes problems show as a notification too. */
  reload(userAction?: boolean): Promise<void>;
  readonly state: CorpusState;
  readonly onDidChangeState: vscode.Event<CorpusState>;
}
