/** Wires the features to one engine. Each feature registers its own contributions. */
import * as vscode from 'vscode';
import { EngineClient } from './core/engine/engineClient';
import * as articleNames from './features/articleNames';
import * as articlesTree from './features/articlesTree';
import * as compareCoverage from './features/compareCoverage';
import * as timeline from './features/timeline';
import * as watchlist from './features/watchlist';
import * as noteNames from './features/noteNames';
import { NotesIndex } from './features/shared/notesIndex';
import * as corpusCommands from './features/corpusCommands';
import * as corpusLoading from './features/corpusLoading';
import * as databaseBackend from './features/databaseBackend';
import * as entityBuilding from './features/entityBuilding';
import * as entityHover from './features/entityHover';
import * as entityMentions from './features/entityMentions';
import * as entitiesView from './features/entitiesView';
import * as insertCitation from './features/insertCitation';
import * as whatWasRead from './features/whatWasRead';
import * as openArticle from './features/openArticle';
import * as quickSearch from './features/quickSearch';
import * as searchPanel from './features/searchPanel';
import * as searchStatus from './features/searchStatus';
import { createLog, type Log } from './features/shared/log';

/** What activate returns: used by the in-host tests, and by other extensions that want the corpus. */
export interface CorpusLensApi {
  engine: EngineClient;
  articlesTree: articlesTree.ArticlesTreeProvider;
  searchPanel: searchPanel.SearchPanelProvider;
  searchStatus: searchStatus.SearchStatus;
  loading: corpusLoading.CorpusLoading;
  entities: entityBuilding.EntityBuilding;
  entitiesTree: entitiesView.EntitiesTreeProvider;
  timeline: timeline.TimelinePanel;
  watchlist: watchlist.WatchlistProvider;
  notes: NotesIndex;
  noteMarks: vscode.DiagnosticCollection;
  /** Resolves when the first load has finished. */
  ready: Promise<void>;
}

export function activate(context: vscode.ExtensionContext): CorpusLensApi {
  // Parsing, indexing and searching run in a worker thread: the extension host never waits on them.
  const engine = new EngineClient(vscode.Uri.joinPath(context.extensionUri, 'dist', 'engineWorker.js').fsPath);
  const log = createLog(context);
  const loading = corpusLoading.activate(context, engine, log);
  openArticle.activate(context);
  const tree = articlesTree.activate(context, engine);
  quickSearch.activate(context, engine);
  articleNames.activate(context, engine);
  const panel = searchPanel.activate(context, engine);
  const status = searchStatus.activate(context, engine, log);
  corpusCommands.activate(context, loading);
  databaseBackend.activate(context, loading);
  const entities = entityBuilding.activate(context, engine, loading, log);
  const notes = new NotesIndex(engine);
  context.subscriptions.push(notes);
  entityHover.activate(context, engine, notes);
  entityMentions.activate(context, engine);
  const entitiesTree = entitiesView.activate(context, engine, notes);
  insertCitation.activate(context, engine);
  whatWasRead.activate(context, engine);
  compareCoverage.activate(context, engine);
  const timelinePanel = timeline.activate(context, engine);
  const watchlistView = watchlist.activate(context, engine, log);
  const noteMarks = noteNames.activate(context, engine, notes);
  context.subscriptions.push(
    { dispose: () => engine.dispose() },
    recoverFromRestarts(engine, loading, log),
    engine.onDidNotice((message) => log.channel.warn(message)),
  );
  const ready = loading.reload();
  return {
    engine,
    articlesTree: tree,
    searchPanel: panel,
    searchStatus: status,
    loading,
    entities,
    entitiesTree,
    timeline: timelinePanel,
    watchlist: watchlistView,
    notes,
    noteMarks,
    ready,
  };
}

/** A crashed or stuck engine is restarted by the client: load again from the cache, and say so (one notification a session). */
function recoverFromRestarts(engine: EngineClient, loading: corpusLoading.CorpusLoading, log: Log): vscode.Disposable {
  let notified = false;
  return engine.onDidRestart((reason) => {
    log.channel.error(`The engine restarted: ${reason}. Loading the corpus again from the cache.`);
    void loading.reload();
    if (notified) return;
    notified = true;
    void vscode.window.showWarningMessage(`Corpus Lens restarted its engine (${reason}); the corpus is loading again.`, 'Show Output').then((choice) => {
      if (choice) log.channel.show(true);
    });
  });
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
