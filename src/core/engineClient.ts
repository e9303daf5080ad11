/**
 * The engine as the extension host sees it: a CorpusEngine running in a worker thread, reached by
 * messages. It keeps a mirror of the article summaries so the tree reads them without waiting.
 */
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { EngineLoadOptions, EngineSearchOptions, LoadReport, SearchOutcome } from './engine';
import type { EntityBuildOptions, EntityBuildReport } from './entities/corpusEntities';
import type { CardOptions, EntityCard, EntityInfo, HoverAnswer, MentionLocation } from './entities/entityQueries';
import type { OverridesParse } from './entities/overrides';
import type { FromWorker, Request, SummaryChange, WorkerOptions } from './engineProtocol';
import type { Mention } from './ner/articleEntities';
import type { ArticleSummary, Paragraph, Problem } from './types';

interface PendingCall {
  resolve(value: unknown): void;
  reject(error: Error): void;
  onProgress?: (done: number, total: number) => void;
}

export class EngineClient {
  private readonly worker: Worker;
  private readonly pending = new Map<number, PendingCall>();
  private readonly listeners = new Set<() => void>();
  private readonly entityListeners = new Set<() => void>();
  private summaries = new Map<string, ArticleSummary>();
  private corpusFolders: string[] = [];
  private nextId = 1;
  private failure: Error | undefined;
  private loadedOnce = false;

  /** `workerFile` is the bundled engineWorker.js. */
  constructor(workerFile: string) {
    this.worker = new Worker(workerFile);
    this.worker.on('message', (message: FromWorker) => this.receive(message));
    this.worker.on('error', (error) => this.fail(error));
    this.worker.on('exit', (code) => this.fail(new Error(`the engine worker stopped (exit code ${code})`)));
  }

  get folders(): readonly string[] {
    return this.corpusFolders;
  }

  get size(): number {
    return this.summaries.size;
  }

  onDidChange(listener: () => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** After the entities were built, changed by a file, or re-resolved with the user's corrections. */
  onDidChangeEntities(listener: () => void): { dispose(): void } {
    this.entityListeners.add(listener);
    return { dispose: () => this.entityListeners.delete(listener) };
  }

  setOptions(options: WorkerOptions): Promise<void> {
    return this.call({ method: 'setOptions', options }) as Promise<void>;
  }

  load(folders: string[], options: EngineLoadOptions = {}): Promise<LoadReport> {
    const { signal, onProgress, cacheFile } = options;
    return this.call({ method: 'load', folders, cacheFile }, onProgress, (id) => this.cancelOnAbort(id, signal)) as Promise<LoadReport>;
  }

  private cancelOnAbort(id: number, signal: AbortSignal | undefined): void {
    const cancel = () => void this.call({ method: 'cancel', target: id });
    if (signal?.aborted) cancel();
    else signal?.addEventListener('abort', cancel, { once: true });
  }

  update(filePath: string): Promise<Problem[]> {
    return this.call({ method: 'update', path: filePath }) as Promise<Problem[]>;
  }

  remove(filePath: string): Promise<void> {
    return this.call({ method: 'remove', path: filePath }) as Promise<void>;
  }

  search(text: string, limit = 50, options: EngineSearchOptions = {}): Promise<SearchOutcome> {
    return this.call({ method: 'search', text, limit, options }) as Promise<SearchOutcome>;
  }

  /** The first paragraphs of an article's reading text (for tooltips). */
  paragraphs(filePath: string, count: number): Promise<Paragraph[]> {
    return this.call({ method: 'paragraphs', path: path.resolve(filePath), count }) as Promise<Paragraph[]>;
  }

  /** The names in one article, recognized in the worker; undefined when the file is not in the corpus. */
  names(filePath: string): Promise<Mention[] | undefined> {
    return this.call({ method: 'names', path: path.resolve(filePath) }) as Promise<Mention[] | undefined>;
  }

  buildEntities(options: EntityBuildOptions = {}): Promise<EntityBuildReport> {
    const { signal, onProgress, cacheFile } = options;
    return this.call({ method: 'buildEntities', cacheFile }, onProgress, (id) => this.cancelOnAbort(id, signal)) as Promise<EntityBuildReport>;
  }

  /** `path`: the corpus article the text is from, if it is one. */
  hoverAt(text: string, offset: number, options: CardOptions, path?: string): Promise<HoverAnswer | undefined> {
    return this.call({ method: 'hoverAt', text, offset, options, path }) as Promise<HoverAnswer | undefined>;
  }

  /** An entity by id or by any of its names. */
  entityCard(name: string, options: CardOptions): Promise<EntityCard | undefined> {
    return this.call({ method: 'entityCard', name, options }) as Promise<EntityCard | undefined>;
  }

  entityMentions(id: string): Promise<MentionLocation[]> {
    return this.call({ method: 'entityMentions', entity: id }) as Promise<MentionLocation[]>;
  }

  entityList(): Promise<EntityInfo[]> {
    return this.call({ method: 'entityList' }) as Promise<EntityInfo[]>;
  }

  setEntityOverrides(text: string): Promise<OverridesParse> {
    return this.call({ method: 'setEntityOverrides', text }) as Promise<OverridesParse>;
  }

  saveCache(): Promise<void> {
    return this.call({ method: 'saveCache' }) as Promise<void>;
  }

  /**
   * Shows the summaries of the last session (a snapshot the host kept) until the worker's first load
   * replaces them: the tree fills at once instead of after the worker has read its cache.
   */
  seed(folders: string[], articles: ArticleSummary[]): boolean {
    if (this.loadedOnce) return false;
    this.apply({ kind: 'reset', folders, articles });
    this.loadedOnce = false;
    return true;
  }

  articles(): ArticleSummary[] {
    return [...this.summaries.values()];
  }

  get(filePath: string): ArticleSummary | undefined {
    return this.summaries.get(path.resolve(filePath));
  }

  dispose(): void {
    this.failure ??= new Error('the engine was disposed');
    void this.worker.terminate();
  }

  private call(request: Request, onProgress?: PendingCall['onProgress'], started?: (id: number) => void): Promise<unknown> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    const reply = new Promise((resolve, reject) => this.pending.set(id, { resolve, reject, onProgress }));
    this.worker.postMessage({ ...request, id });
    started?.(id);
    return reply;
  }

  private receive(message: FromWorker): void {
    if (message.type === 'changed') return this.apply(message.change);
    const call = this.pending.get(message.id);
    if (!call) return;
    if (message.type === 'progress') return call.onProgress?.(message.done, message.total);
    this.pending.delete(message.id);
    if (message.ok) call.resolve(message.result);
    else call.reject(new Error(message.error));
  }

  private apply(change: SummaryChange): void {
    if (change.kind === 'entities') {
      for (const listener of this.entityListeners) listener();
      return;
    }
    if (change.kind === 'reset') {
      this.loadedOnce = true;
      this.summaries = new Map(change.articles.map((a) => [a.path, a]));
      this.corpusFolders = change.folders;
    } else if (change.kind === 'upsert') this.summaries.set(change.article.path, change.article);
    else this.summaries.delete(change.path);
    for (const listener of this.listeners) listener();
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const call of this.pending.values()) call.reject(this.failure);
    this.pending.clear();
  }
}
