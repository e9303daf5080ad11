/**
 * The requests between EngineClient (extension host) and engineWorker (worker thread): one map, one
 * line per request with its parameters and its result. Most are the CorpusEngine method of the same
 * name with the same arguments; the others are answered by the worker itself.
 */
import type { EntityBuildReport } from '../entities/corpusEntities';
import type { SearchState } from './backend';
import type { CorpusEngine, EngineOptions, LoadReport } from './engine';

export type WorkerOptions = Omit<EngineOptions, 'signal' | 'onProgress' | 'onProblem'>;

/** Requests the worker answers with the CorpusEngine method of the same name. Add a name here and the method there. */
export type EngineMethod =
  | 'setOptions'
  | 'update'
  | 'remove'
  | 'applyFileEvents'
  | 'search'
  | 'paragraphs'
  | 'names'
  | 'saveCache'
  | 'hoverAt'
  | 'entityCard'
  | 'entityMentions'
  | 'entityList'
  | 'entityListEarly'
  | 'stories'
  | 'storyOf'
  | 'compareCoverage'
  | 'quotes'
  | 'timeline'
  | 'watch'
  | 'namesInLines'
  | 'latestArticle'
  | 'setEntityOverrides'
  | 'whatWasRead'
  | 'summary'
  | 'summaries'
  | 'treeChildren'
  | 'treeKeysOf';

type EngineRequest<M extends EngineMethod> = { params: Parameters<CorpusEngine[M]>; result: Awaited<ReturnType<CorpusEngine[M]>> };

export type Requests = { [M in EngineMethod]: EngineRequest<M> } & {
  /** With progress messages, cancellable with `cancel`. */
  /** Resolves once the articles are known; the search index loads after, its state sent as `search` changes. */
  load: { params: [folders: string[], cacheDir?: string]; result: LoadReport };
  buildEntities: { params: [cacheFile?: string]; result: EntityBuildReport };
  cancel: { params: [request: number]; result: void };
  /** The watchdog's heartbeat: answered at once unless the worker is stuck. */
  ping: { params: []; result: 'pong' };
  /** For tests of recovery: the worker exits (a crash) or blocks its thread for `ms` (a hang). */
  simulateFault: { params: [fault: 'crash' | 'hang', ms?: number]; result: void };
};

export type Method = keyof Requests;
export type Params<M extends Method> = Requests[M]['params'];
export type Result<M extends Method> = Requests[M]['result'];

export type ToWorker = { [M in Method]: { id: number; method: M; params: Params<M> } }[Method];

export type SummaryChange =
  /** The corpus was read again, or one article changed: the host asks for what it shows; `count` is the corpus's size now. */
  | { kind: 'reset'; folders: string[]; count: number }
  | { kind: 'upsert'; path: string; count: number }
  | { kind: 'remove'; path: string; count: number }
  | { kind: 'entities' }
  | { kind: 'search'; state: SearchState }
  /** Something the user should read in the output channel (a cache that cannot be written). */
  | { kind: 'notice'; message: string };

export type FromWorker =
  | { type: 'reply'; id: number; ok: true; result: unknown }
  | { type: 'reply'; id: number; ok: false; error: string }
  | { type: 'progress'; id: number; done: number; total: number; stage?: 'files' | 'index' }
  | { type: 'changed'; change: SummaryChange };
