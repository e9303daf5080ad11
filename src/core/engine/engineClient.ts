/**
 * The engine as the extension host sees it: a CorpusEngine running in a worker thread, reached by
 * messages. It holds no article's summary: the tree asks the engine for the level it shows.
 */
import type { QuoteInfo } from '../quotes/quoteQueries';
import type { StoryInfo } from '../stories/corpusStories';
import type { Coverage } from '../stories/coverage';
import type { Timeline, TimelineStep } from '../timeline/timeline';
import type { WatchEntry, WatchResult } from '../watch/watchlist';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { EngineLoadOptions, EngineSearchOptions, LoadReport, NoteName, SearchOutcome } from './engine';
import type { EntityBuildOptions, EntityBuildReport } from '../entities/corpusEntities';
import type { CardOptions, EntityCard, EntityInfo, HoverAnswer, MentionLocation } from '../entities/entityQueries';
import type { OverridesParse } from '../entities/overrides';
import { loadingMessage, type SearchState } from './backend';
import { workerHeapLimitMB } from './memoryBudget';
import type { FromWorker, Method, Params, Result, SummaryChange, ToWorker, WorkerOptions } from './protocol';
import type { Mention } from '../ner/articleEntities';
import type { ArticleSummary, Paragraph, Problem } from '../types';
import type { GroupingMode } from '../grouping';
import type { TreeGroup, TreeKeys, TreeLevel } from './articleTree';

/** The top level of the tree in each grouping, as the last session left it. */
export interface TreeSeed {
  folders: string[];
  count: number;
  top: Partial<Record<GroupingMode, TreeGroup[]>>;
}

interface PendingCall {
  resolve(value: unknown): void;
  reject(error: Error): void;
  onProgress?: (done: number, total: number, stage?: 'files' | 'index') => void;
}

/** How the client watches its worker: a heartbeat every `heartbeatMs`, a restart when one goes unanswered for `timeoutMs`. */
export interface WatchdogOptions {
  heartbeatMs: number;
  timeoutMs: number;
}

const DEFAULT_WATCHDOG: WatchdogOptions = { heartbeatMs: 5_000, timeoutMs: 60_000 };

export class EngineClient {
  private worker!: Worker;
  private readonly restartListeners = new Set<(reason: string) => void>();
  private readonly noticeListeners = new Set<(message: string) => void>();
  private heartbeat: NodeJS.Timeout | undefined;
  private lastAnswer = Date.now();
  private disposed = false;
  private readonly pending = new Map<number, PendingCall>();
  private readonly listeners = new Set<() => void>();
  private readonly entityListeners = new Set<() => void>();
  private articleCount = 0;
  /** The top of the tree from the last session, shown until the engine's first load says what is there now. */
  private seeded: TreeSeed | undefined;
  private readonly searchListeners = new Set<(state: SearchState) => void>();
  private currentSearchState: SearchState = { kind: 'none' };
  private corpusFolders: string[] = [];
  private nextId = 1;
  private failure: Error | undefined;
  private loadedOnce = false;

  /** `workerFile` is the bundled engineWorker.js. */
  constructor(
    private readonly workerFile: string,
    private readonly watchdog: WatchdogOptions = DEFAULT_WATCHDOG,
  ) {
    this.start();
  }

  /** Messages from the engine for the output channel. */
  onDidNotice(listener: (message: string) => void): { dispose(): void } {
    this.noticeListeners.add(listener);
    return { dispose: () => this.noticeListeners.delete(listener) };
  }

  /**
   * After the worker crashed or stopped answering, a new one is running, empty: listeners load the
   * corpus again (from the cache). Calls that were in flight have failed with the reason.
   */
  onDidRestart(listener: (reason: string) => void): { dispose(): void } {
    this.restartListeners.add(listener);
    return { dispose: () => this.restartListeners.delete(listener) };
  }

  private start(): void {
    // A large corpus's index needs more heap than V8's default for a thread; the memory guard keeps within this.
    const worker = new Worker(this.workerFile, { resourceLimits: { maxOldGenerationSizeMb: workerHeapLimitMB() } });
    this.worker = worker;
    this.lastAnswer = Date.now();
    worker.on('message', (message: FromWorker) => {
      this.lastAnswer = Date.now();
      this.receive(message);
    });
    worker.on('error', (error) => this.restart(worker, `the engine failed: ${error.message}`));
    worker.on('exit', (code) => this.restart(worker, `the engine stopped (exit code ${code})`));
    clearInterval(this.heartbeat);
    this.heartbeat = setInterval(() => this.checkHeartbeat(worker), this.watchdog.heartbeatMs);
    this.heartbeat.unref?.();
  }

  private checkHeartbeat(worker: Worker): void {
    if (worker !== this.worker) return;
    const silent = Date.now() - this.lastAnswer;
    if (silent > this.watchdog.timeoutMs) {
      this.restart(worker, `the engine stopped answering for ${Math.round(silent / 1000)} s`);
      return;
    }
    void this.request('ping').catch(() => undefined);
  }

  /** Fails the calls in flight with the reason, replaces the worker, and tells the listeners. */
  private restart(worker: Worker, reason: string): void {
    if (worker !== this.worker || this.disposed) return;
    const error = new Error(`${reason}; Corpus Lens restarted it, try again in a moment`);
    for (const call of this.pending.values()) call.reject(error);
    this.pending.clear();
    void worker.terminate();
    this.loadedOnce = false;
    this.currentSearchState = { kind: 'none' };
    this.start();
    for (const listener of this.restartListeners) listener(reason);
  }

  /** For tests of recovery: crash the worker, or block it for `ms`. */
  simulateFault(fault: 'crash' | 'hang', ms?: number): void {
    void this.request('simulateFault', fault, ms).catch(() => undefined);
  }

  get folders(): readonly string[] {
    return this.corpusFolders;
  }

  get size(): number {
    return this.articleCount;
  }

  onDidChange(listener: () => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** Where search stands: loading (with how far), ready, or off (the memory guard's message). */
  get searchState(): SearchState {
    return this.currentSearchState;
  }

  onDidChangeSearchState(listener: (state: SearchState) => void): { dispose(): void } {
    this.searchListeners.add(listener);
    return { dispose: () => this.searchListeners.delete(listener) };
  }

  /** After the entities were built, changed by a file, or re-resolved with the user's corrections. */
  onDidChangeEntities(listener: () => void): { dispose(): void } {
    this.entityListeners.add(listener);
    return { dispose: () => this.entityListeners.delete(listener) };
  }

  setOptions(options: WorkerOptions): Promise<void> {
    return this.request('setOptions', options);
  }

  load(folders: string[], options: EngineLoadOptions = {}): Promise<LoadReport> {
    const { signal, onProgress, cacheDir } = options;
    return this.requestWithProgress('load', [folders, cacheDir], onProgress, signal);
  }

  private cancelOnAbort(id: number, signal: AbortSignal | undefined): void {
    const cancel = () => void this.request('cancel', id);
    if (signal?.aborted) cancel();
    else signal?.addEventListener('abort', cancel, { once: true });
  }

  update(filePath: string): Promise<Problem[]> {
    return this.request('update', filePath);
  }

  /** A burst of file events, coalesced by the caller: applied in one go, entities resolved once. */
  applyFileEvents(updated: string[], removed: string[]): Promise<Problem[]> {
    return this.request('applyFileEvents', updated, removed);
  }

  remove(filePath: string): Promise<void> {
    return this.request('remove', filePath);
  }

  search(text: string, limit = 50, options: EngineSearchOptions = {}): Promise<SearchOutcome> {
    // While the worker loads the index it may be busy for seconds: the answer is known here.
    const state = this.currentSearchState;
    if (state.kind === 'loading') return Promise.resolve({ ok: false, loading: true, error: loadingMessage(state) });
    return this.request('search', text, limit, options);
  }

  /** The first paragraphs of an article's reading text (for tooltips). */
  paragraphs(filePath: string, count: number): Promise<Paragraph[]> {
    return this.request('paragraphs', path.resolve(filePath), count);
  }

  /** The names in one article, recognized in the worker; undefined when the file is not in the corpus. */
  names(filePath: string): Promise<Mention[] | undefined> {
    return this.request('names', path.resolve(filePath));
  }

  buildEntities(options: EntityBuildOptions = {}): Promise<EntityBuildReport> {
    const { signal, onProgress, cacheFile } = options;
    return this.requestWithProgress('buildEntities', [cacheFile], onProgress, signal);
  }

  /** `path`: the corpus article the text is from, if it is one. */
  hoverAt(text: string, offset: number, options: CardOptions, path?: string): Promise<HoverAnswer | undefined> {
    return this.request('hoverAt', text, offset, options, path);
  }

  /** An entity by id or by any of its names. */
  entityCard(name: string, options: CardOptions): Promise<EntityCard | undefined> {
    return this.request('entityCard', name, options);
  }

  entityMentions(id: string): Promise<MentionLocation[]> {
    return this.request('entityMentions', id);
  }

  entityList(): Promise<EntityInfo[]> {
    return this.request('entityList');
  }

  /** The built list, or until the names are in, the one the database stored. */
  entityListEarly(): Promise<EntityInfo[]> {
    return this.request('entityListEarly');
  }

  stories(): Promise<StoryInfo[]> {
    return this.request('stories');
  }

  storyOf(path: string): Promise<StoryInfo | undefined> {
    return this.request('storyOf', path);
  }

  compareCoverage(path: string): Promise<Coverage | undefined> {
    return this.request('compareCoverage', path);
  }

  namesInLines(lines: string[]): Promise<NoteName[][]> {
    return this.request('namesInLines', lines);
  }

  latestArticle(id: string): Promise<{ path: string; title: string; line: number } | undefined> {
    return this.request('latestArticle', id);
  }

  watch(entries: WatchEntry[]): Promise<WatchResult[]> {
    return this.request('watch', entries);
  }

  timeline(name: string | null, by: TimelineStep = 'month'): Promise<Timeline | undefined> {
    return this.request('timeline', name, by);
  }

  /** What a person or organization (by id or any name) is quoted saying, newest first. */
  quotes(name: string): Promise<QuoteInfo[]> {
    return this.request('quotes', name);
  }

  setEntityOverrides(text: string): Promise<OverridesParse> {
    return this.request('setEntityOverrides', text);
  }

  saveCache(): Promise<void> {
    return this.request('saveCache');
  }

  /**
   * Shows the top of the last session's tree (a snapshot the host kept) until the worker's first load
   * says what is there: the tree fills at once instead of after the worker has read its cache.
   */
  seed(seed: TreeSeed): boolean {
    if (this.loadedOnce) return false;
    this.seeded = seed;
    this.articleCount = seed.count;
    this.corpusFolders = seed.folders;
    this.fireListeners();
    return true;
  }

  /** The groups or articles under the group at `keys`, from the engine (the top from the seed until it has loaded). */
  treeChildren(mode: GroupingMode, keys: TreeKeys): Promise<TreeLevel> {
    const seeded = this.seeded?.top[mode];
    if (seeded && keys.length === 0) return Promise.resolve({ groups: seeded });
    return this.request('treeChildren', mode, keys);
  }

  /** The group keys that lead to an article in the tree; undefined when it is not in the corpus. */
  treeKeysOf(mode: GroupingMode, filePath: string): Promise<TreeKeys | undefined> {
    return this.request('treeKeysOf', mode, path.resolve(filePath));
  }

  /** The summaries of those files that are articles of the corpus. */
  summaries(filePaths: string[]): Promise<ArticleSummary[]> {
    return this.request('summaries', filePaths);
  }

  /** An article's summary; undefined when the file is not in the corpus. */
  summary(filePath: string): Promise<ArticleSummary | undefined> {
    return this.request('summary', path.resolve(filePath));
  }

  dispose(): void {
    this.disposed = true;
    this.failure ??= new Error('the engine was disposed');
    clearInterval(this.heartbeat);
    for (const call of this.pending.values()) call.reject(this.failure);
    this.pending.clear();
    void this.worker.terminate();
  }

  /** Any request of the protocol, typed by it: `request('search', text, limit)` resolves to a SearchOutcome. */
  request<M extends Method>(method: M, ...params: Params<M>): Promise<Result<M>> {
    return this.send(method, params);
  }

  /** A request that reports progress and that the signal cancels. */
  private requestWithProgress<M extends 'load' | 'buildEntities'>(
    method: M,
    params: Params<M>,
    onProgress: PendingCall['onProgress'],
    signal: AbortSignal | undefined,
  ): Promise<Result<M>> {
    return this.send(method, params, onProgress, (id) => this.cancelOnAbort(id, signal));
  }

  private send<M extends Method>(method: M, params: Params<M>, onProgress?: PendingCall['onProgress'], started?: (id: number) => void): Promise<Result<M>> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    // What crosses the thread boundary is checked by the protocol's types on both ends.
    const reply = new Promise<Result<M>>((resolve, reject) => this.pending.set(id, { resolve: (value) => resolve(value as Result<M>), reject, onProgress }));
    const message = { id, method, params } as ToWorker;
    this.worker.postMessage(message);
    started?.(id);
    return reply;
  }

  private receive(message: FromWorker): void {
    if (message.type === 'changed') return this.apply(message.change);
    const call = this.pending.get(message.id);
    if (!call) return;
    if (message.type === 'progress') return call.onProgress?.(message.done, message.total, message.stage);
    this.pending.delete(message.id);
    if (message.ok) call.resolve(message.result);
    else call.reject(new Error(message.error));
  }

  private apply(change: SummaryChange): void {
    if (change.kind === 'entities') {
      for (const listener of this.entityListeners) listener();
      return;
    }
    if (change.kind === 'search') {
      this.currentSearchState = change.state;
      for (const listener of this.searchListeners) listener(change.state);
      return;
    }
    if (change.kind === 'notice') {
      for (const listener of this.noticeListeners) listener(change.message);
      return;
    }
    if (change.kind === 'reset') {
      this.loadedOnce = true;
      this.seeded = undefined;
      this.corpusFolders = change.folders;
    }
    this.articleCount = change.count;
    this.fireListeners();
  }

  private fireListeners(): void {
    for (const listener of this.listeners) listener();
  }
}
