/**
 * Loads the corpus into the engine in the background with a cancellable progress notification,
 * reloads when settings change, and keeps it current through file watchers.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { writeJsonAtomically } from '../core/engine/corpusCache';
import { parseSourceRules, rulesBaseDir, SOURCES_FILE, type SourceRule } from '../core/ingest/sourceRules';
import { compileSourcePatterns, BUILTIN_SOURCE_PATTERNS } from '../core/ingest/source';
import type { EngineClient } from '../core/engine/engineClient';
import type { WorkerOptions } from '../core/engine/protocol';
import type { ArticleSummary, Problem, SourcePatternSetting } from '../core/types';
import { corpusFolders } from './corpusFolders';
import type { Log } from './output';
import { FileEventQueue } from './shared/fileEventQueue';

export type CorpusState = 'noFolders' | 'loading' | 'empty' | 'ready';

export interface CorpusLoading {
  /** Reloads everything; `userAction` makes problems show as a notification too. */
  reload(userAction?: boolean): Promise<void>;
  readonly state: CorpusState;
  readonly onDidChangeState: vscode.Event<CorpusState>;
}

function readEngineOptions(log: Log, sourceRules: SourceRule[]): WorkerOptions {
  const config = vscode.workspace.getConfiguration('corpusLens');
  const { patterns, errors } = compileSourcePatterns(config.get<SourcePatternSetting[]>('sourcePatterns', []));
  for (const error of errors) log.channel.error(`Setting corpusLens.sourcePatterns: ${error}`);
  return {
    maxFileBytes: config.get<number>('maxFileSizeMB', 10) * 1024 * 1024,
    sourcePatterns: [...patterns, ...BUILTIN_SOURCE_PATTERNS],
    sourceRules,
  };
}

function sourcesFile(): vscode.Uri | undefined {
  const folder = vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === 'file');
  return folder && vscode.Uri.joinPath(folder.uri, SOURCES_FILE);
}

/**
 * The rules of .corpus-lens/sources.json, or undefined when the file is malformed or unreadable
 * (reported: the last good rules stay). No file means no rules.
 */
async function readSourceRules(log: Log, userAction: boolean): Promise<SourceRule[] | undefined> {
  const file = sourcesFile();
  if (!file) return [];
  const report = (message: string) => {
    log.channel.error(`${message} The last good source rules stay in use.`);
    if (userAction) void vscode.window.showWarningMessage(`Corpus Lens: ${message}`);
    return undefined;
  };
  let text: string;
  try {
    text = new TextDecoder().decode(await vscode.workspace.fs.readFile(file));
  } catch (error) {
    if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') return [];
    return report(`${SOURCES_FILE} cannot be read: ${(error as Error).message}.`);
  }
  const parsed = parseSourceRules(text, rulesBaseDir(file.fsPath));
  return parsed.ok ? parsed.rules : report(`${SOURCES_FILE} line ${parsed.line}: ${parsed.message}.`);
}

/** The cache lives in the extension's workspace storage (global storage when no folder is open). */
function cacheFile(context: vscode.ExtensionContext, name = 'corpus-cache.json'): string {
  const base = context.storageUri ?? context.globalStorageUri;
  return vscode.Uri.joinPath(base, name).fsPath;
}

/** The tree of the last load (folders and summaries), shown while the worker reads its cache. */
interface TreeSnapshot {
  folders: string[];
  articles: ArticleSummary[];
}

const SNAPSHOT_FILE = 'tree-snapshot.json';

async function showSnapshot(context: vscode.ExtensionContext, engine: EngineClient, folders: string[]): Promise<void> {
  try {
    const snapshot = JSON.parse(await fs.readFile(cacheFile(context, SNAPSHOT_FILE), 'utf8')) as TreeSnapshot;
    if (Array.isArray(snapshot.articles) && JSON.stringify(snapshot.folders) === JSON.stringify(folders)) engine.seed(folders, snapshot.articles);
  } catch {
    // No snapshot (a first session) or an unreadable one: the tree fills after the load.
  }
}

function saveSnapshot(context: vscode.ExtensionContext, engine: EngineClient): void {
  const snapshot: TreeSnapshot = { folders: [...engine.folders], articles: engine.articles() };
  void writeJsonAtomically(cacheFile(context, SNAPSHOT_FILE), snapshot).catch(() => undefined);
}

/** Edits of .corpus-lens/sources.json reload the corpus (a save in the editor is never missed; the watcher sees other writers). */
function watchSourcesFile(onChange: () => void): vscode.Disposable[] {
  const watcher = vscode.workspace.createFileSystemWatcher(`**/${SOURCES_FILE}`);
  return [
    watcher,
    watcher.onDidCreate(onChange),
    watcher.onDidChange(onChange),
    watcher.onDidDelete(onChange),
  ];
}

export function activate(context: vscode.ExtensionContext, engine: EngineClient, log: Log): CorpusLoading {
  const stateEmitter = new vscode.EventEmitter<CorpusState>();
  let state: CorpusState = 'loading';
  let current: AbortController | undefined;
  let watchers: vscode.Disposable[] = [];

  const setState = (next: CorpusState): void => {
    state = next;
    void vscode.commands.executeCommand('setContext', 'corpusLens.state', next);
    stateEmitter.fire(next);
  };

  const reportUpdate = (problems: Problem[]): void => problems.forEach((p) => log.problem(p));
  const reportFailure = (error: Error): void => log.channel.error(`The engine failed: ${error.message}`);

  const events = new FileEventQueue((updated, removed) => engine.applyFileEvents(updated, removed).then(reportUpdate, reportFailure));
  const watch = (folders: string[]): void => {
    watchers.forEach((w) => w.dispose());
    watchers = folders.map((folder) => {
      const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(folder), '**/*'));
      watcher.onDidCreate((uri) => events.add(uri.fsPath, 'updated'));
      watcher.onDidChange((uri) => events.add(uri.fsPath, 'updated'));
      watcher.onDidDelete((uri) => events.add(uri.fsPath, 'removed'));
      return watcher;
    });
  };

  let sourceRules: SourceRule[] = [];
  let firstLoad = true;
  let cacheWarned = false;
  const reload = async (userAction = false): Promise<void> => {
    current?.abort();
    const controller = (current = new AbortController());
    // At once: whoever waits for 'ready' (the entities) knows the corpus is being replaced.
    setState('loading');
    sourceRules = (await readSourceRules(log, userAction)) ?? sourceRules;
    if (controller !== current) return;
    void engine.setOptions(readEngineOptions(log, sourceRules));
    const { folders, missing } = corpusFolders(context);
    for (const folder of missing) log.problem({ path: folder, message: 'corpus folder not found (setting corpusLens.corpusFolders)' });
    watch(folders);
    if (folders.length === 0) {
      await engine.load([]);
      setState('noFolders');
      return;
    }
    if (firstLoad) await showSnapshot(context, engine, folders.map((f) => path.resolve(f)));
    firstLoad = false;
    const started = Date.now();
    const report = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Corpus Lens: loading articles', cancellable: true },
      async (progress, token) => {
        token.onCancellationRequested(() => controller.abort());
        let reported = 0;
        return engine.load(folders, {
          cacheFile: cacheFile(context),
          signal: controller.signal,
          onProgress: (done, total) => {
            const increment = ((done - reported) / Math.max(total, 1)) * 100;
            reported = done;
            progress.report({ message: `${done} / ${total} files`, increment });
          },
        });
      },
    );
    if (controller !== current) return;
    const { problems } = report;
    problems.forEach((p) => log.problem(p));
    if (report.cacheRebuilt) log.info(`The cache ${report.cacheRebuilt}; it was rebuilt from the files.`);
    if (report.cacheUnwritable && !cacheWarned) {
      cacheWarned = true;
      log.channel.warn(report.cacheUnwritable);
      void vscode.window.showWarningMessage(`Corpus Lens: ${report.cacheUnwritable}.`, 'Show Output').then((choice) => choice && log.channel.show(true));
    }
    if (controller.signal.aborted) {
      log.info('Loading cancelled; the previous articles stay shown. Run "Corpus Lens: Refresh" to load again.');
      setState(engine.size > 0 ? 'ready' : 'empty');
      return;
    }
    log.info(
      `Loaded ${engine.size} articles from ${folders.join(', ')} in ${Date.now() - started} ms: ${report.fromCache} from the cache, ${report.parsed} read from disk, ${problems.length} problem(s).`,
    );
    if (userAction) log.notifyProblems(problems);
    saveSnapshot(context, engine);
    setState(engine.size > 0 ? 'ready' : 'empty');
  };

  context.subscriptions.push(
    stateEmitter,
    { dispose: () => watchers.forEach((w) => w.dispose()) },
    events,
    { dispose: () => current?.abort() },
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('corpusLens.corpusFolders') || e.affectsConfiguration('corpusLens.maxFileSizeMB') || e.affectsConfiguration('corpusLens.sourcePatterns')) {
        void reload();
      }
    }),
    vscode.workspace.onDidChangeWorkspaceFolders(() => void reload()),
    ...watchSourcesFile(() => void reload(true)),
  );

  return {
    reload,
    get state() {
      return state;
    },
    onDidChangeState: stateEmitter.event,
  };
}
