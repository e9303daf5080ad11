/**
 * Loads the corpus into the engine in the background with a cancellable progress notification,
 * reloads when settings or .corpus-lens/sources.json change, and keeps it current through file
 * watchers (their events coalesced into batches).
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { EngineClient } from '../core/engine/engineClient';
import type { LoadReport } from '../core/engine/engine';
import type { WorkerOptions } from '../core/engine/protocol';
import { BUILTIN_SOURCE_PATTERNS, compileSourcePatterns } from '../core/ingest/source';
import { parseSourceRules, rulesBaseDir, SOURCES_FILE, type SourceRule } from '../core/ingest/sourceRules';
import { corpusFolders } from './shared/corpusFolders';
import { backendUrl } from './shared/databaseBackend';
import type { CorpusLoading, CorpusState } from './shared/corpusState';
import { FileEventQueue } from './shared/fileEventQueue';
import type { Log } from './shared/log';
import { withCancellableProgress } from './shared/progress';
import { affects, setting } from './shared/settings';
import { saveSnapshot, showSnapshot } from './shared/treeSnapshot';
import { readWorkspaceFile, reportFileProblem, watchWorkspaceFile, workspaceFile } from './shared/workspaceFiles';

export type { CorpusLoading, CorpusState };

class CorpusLoader implements CorpusLoading, vscode.Disposable {
  private readonly stateEmitter = new vscode.EventEmitter<CorpusState>();
  readonly onDidChangeState = this.stateEmitter.event;
  private currentState: CorpusState = 'loading';
  private current: AbortController | undefined;
  private watchers: vscode.Disposable[] = [];
  private sourceRules: SourceRule[] = [];
  private firstLoad = true;
  private cacheWarned = false;
  private readonly events = new FileEventQueue((updated, removed) =>
    this.engine.applyFileEvents(updated, removed).then(
      (problems) => problems.forEach((p) => this.log.problem(p)),
      (error: Error) => this.log.channel.error(`The engine failed: ${error.message}`),
    ),
  );

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly engine: EngineClient,
    private readonly log: Log,
  ) {}

  get state(): CorpusState {
    return this.currentState;
  }

  async reload(userAction = false): Promise<void> {
    this.current?.abort();
    const controller = (this.current = new AbortController());
    // At once: whoever waits for 'ready' (the entities) knows the corpus is being replaced.
    this.setState('loading');
    // The password (secret storage: a round trip through the workbench) is asked while the rules are read.
    const url = backendUrl(this.context, this.log);
    this.sourceRules = (await this.readSourceRules(userAction)) ?? this.sourceRules;
    const options = await this.engineOptions(url);
    if (controller !== this.current) return;
    void this.engine.setOptions(options);
    const { folders, missing } = corpusFolders(this.context);
    for (const folder of missing) this.log.problem({ path: folder, message: 'corpus folder not found (setting corpusLens.corpusFolders)' });
    this.watch(folders);
    if (folders.length === 0) {
      await this.engine.load([]);
      this.setState('noFolders');
      return;
    }
    // The single-file cache of versions before 0.2 is replaced by the cache folder next to it.
    if (this.firstLoad) void fs.rm(this.storageFile('corpus-cache.json'), { force: true }).catch(() => undefined);
    const shown = this.firstLoad
      ? await showSnapshot(
          this.storageFile('tree-snapshot.json'),
          this.engine,
          folders.map((f) => path.resolve(f)),
        )
      : undefined;
    this.firstLoad = false;
    const started = Date.now();
    const report = await withCancellableProgress('Corpus Lens: loading articles', 'files', controller, (signal, onProgress) =>
      this.engine.load(folders, { cacheDir: this.storageFile('corpus-cache'), signal, onProgress }),
    );
    if (controller !== this.current) return;
    this.reportLoad(report, folders, Date.now() - started, controller.signal.aborted, userAction, shown);
  }

  private reportLoad(report: LoadReport, folders: string[], ms: number, cancelled: boolean, userAction: boolean, shown?: string): void {
    const { problems } = report;
    problems.forEach((p) => this.log.problem(p));
    if (report.cacheRebuilt) this.log.info(`The cache ${report.cacheRebuilt}; it was rebuilt from the files.`);
    if (report.cacheUnwritable) this.warnCacheUnwritable(report.cacheUnwritable);
    if (cancelled) {
      this.log.info('Loading cancelled; the previous articles stay shown. Run "Corpus Lens: Refresh" to load again.');
    } else {
      this.log.info(
        `Loaded ${this.engine.size} articles from ${folders.join(', ')} in ${ms} ms: ${report.fromCache} from the cache, ${report.fromDatabase > 0 ? `${report.fromDatabase} from the database, ` : ''}${report.parsed} read from disk, ${problems.length} problem(s).`,
      );
      if (userAction) this.log.notifyProblems(problems);
      void saveSnapshot(this.storageFile('tree-snapshot.json'), this.engine, shown);
    }
    this.setState(this.engine.size > 0 ? 'ready' : 'empty');
  }

  private warnCacheUnwritable(reason: string): void {
    if (this.cacheWarned) return;
    this.cacheWarned = true;
    this.log.channel.warn(reason);
    void vscode.window.showWarningMessage(`Corpus Lens: ${reason}.`, 'Show Output').then((choice) => choice && this.log.channel.show(true));
  }

  private setState(next: CorpusState): void {
    this.currentState = next;
    void vscode.commands.executeCommand('setContext', 'corpusLens.state', next);
    this.stateEmitter.fire(next);
  }

  private watch(folders: string[]): void {
    this.watchers.forEach((w) => w.dispose());
    this.watchers = folders.map((folder) => {
      const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(folder), '**/*'));
      watcher.onDidCreate((uri) => this.events.add(uri.fsPath, 'updated'));
      watcher.onDidChange((uri) => this.events.add(uri.fsPath, 'updated'));
      watcher.onDidDelete((uri) => this.events.add(uri.fsPath, 'removed'));
      return watcher;
    });
  }

  private async engineOptions(url: Promise<string | undefined>): Promise<WorkerOptions> {
    const { patterns, errors } = compileSourcePatterns(setting('sourcePatterns'));
    for (const error of errors) this.log.channel.error(`Setting corpusLens.sourcePatterns: ${error}`);
    return {
      maxFileBytes: setting('maxFileSizeMB') * 1024 * 1024,
      memoryBudgetMB: setting('memoryBudgetMB'),
      sourcePatterns: [...patterns, ...BUILTIN_SOURCE_PATTERNS],
      sourceRules: this.sourceRules,
      backendUrl: await url,
    };
  }

  /** The rules of .corpus-lens/sources.json; undefined when the file is malformed or unreadable (reported: the last good rules stay). */
  private async readSourceRules(userAction: boolean): Promise<SourceRule[] | undefined> {
    const read = await readWorkspaceFile(SOURCES_FILE);
    if ('missing' in read) return [];
    const report = (message: string) => reportFileProblem(this.log.channel, `${message} The last good source rules stay in use.`, userAction);
    if ('error' in read) return void report(read.error);
    const parsed = parseSourceRules(read.text, rulesBaseDir(workspaceFile(SOURCES_FILE)?.fsPath ?? ''));
    if (parsed.ok) return parsed.rules;
    report(`${SOURCES_FILE} line ${parsed.line}: ${parsed.message}.`);
    return undefined;
  }

  /** Files in the extension's workspace storage (global storage when no folder is open). */
  private storageFile(name: string): string {
    return vscode.Uri.joinPath(this.context.storageUri ?? this.context.globalStorageUri, name).fsPath;
  }

  dispose(): void {
    this.current?.abort();
    this.watchers.forEach((w) => w.dispose());
    this.events.dispose();
    this.stateEmitter.dispose();
  }
}

export function activate(context: vscode.ExtensionContext, engine: EngineClient, log: Log): CorpusLoading {
  const loader = new CorpusLoader(context, engine, log);
  context.subscriptions.push(
    loader,
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (affects(e, 'corpusFolders', 'maxFileSizeMB', 'memoryBudgetMB', 'sourcePatterns')) void loader.reload();
    }),
    vscode.workspace.onDidChangeWorkspaceFolders(() => void loader.reload()),
    ...watchWorkspaceFile(SOURCES_FILE, () => void loader.reload(true)),
  );
  return loader;
}
