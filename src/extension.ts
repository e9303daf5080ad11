/** Wires the features to one engine. Each feature registers its own contributions. */
import * as vscode from 'vscode';
import { CorpusEngine } from './core/engine';
import * as articlesTree from './features/articlesTree';
import * as corpusCommands from './features/corpusCommands';
import * as corpusLoading from './features/corpusLoading';
import * as output from './features/output';

/** What activate returns: used by the in-host tests, and by other extensions that want the corpus. */
export interface CorpusLensApi {
  engine: CorpusEngine;
  articlesTree: articlesTree.ArticlesTreeProvider;
  loading: corpusLoading.CorpusLoading;
  /** Resolves when the first load has finished. */
  ready: Promise<void>;
}

export function activate(context: vscode.ExtensionContext): CorpusLensApi {
  const engine = new CorpusEngine();
  const log = output.activate(context);
  const loading = corpusLoading.activate(context, engine, log);
  const tree = articlesTree.activate(context, engine);
  corpusCommands.activate(context, loading);
  const ready = loading.reload();
  return { engine, articlesTree: tree, loading, ready };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
