/** The messages between EngineClient (extension host) and engineWorker (worker thread). */
import type { CardOptions } from '../entities/entityQueries';
import type { EngineSearchOptions } from './engine';
import type { LoadOptions } from '../ingest/loader';
import type { ArticleSummary } from '../types';

export type WorkerOptions = Omit<LoadOptions, 'signal' | 'onProgress' | 'onProblem'>;

export type ToWorker = { id: number } & (
  | { method: 'setOptions'; options: WorkerOptions }
  | { method: 'load'; folders: string[]; cacheFile?: string }
  | { method: 'cancel'; target: number }
  | { method: 'update'; path: string }
  | { method: 'remove'; path: string }
  | { method: 'applyFileEvents'; updated: string[]; removed: string[] }
  | { method: 'search'; text: string; limit: number; options?: EngineSearchOptions }
  | { method: 'paragraphs'; path: string; count: number }
  | { method: 'names'; path: string }
  | { method: 'saveCache' }
  | { method: 'buildEntities'; cacheFile?: string }
  | { method: 'hoverAt'; text: string; offset: number; options: CardOptions; path?: string }
  | { method: 'entityCard'; name: string; options: CardOptions }
  | { method: 'entityMentions'; entity: string }
  | { method: 'entityList' }
  | { method: 'setEntityOverrides'; text: string }
  /** The watchdog's heartbeat: answered at once unless the worker is stuck. */
  | { method: 'ping' }
  /** For tests of recovery: the worker exits (a crash) or blocks its thread for `ms` (a hang). */
  | { method: 'simulateFault'; fault: 'crash' | 'hang'; ms?: number }
);

/** Distributes Omit over the union, which the built-in Omit does not. */
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
export type Request = DistributiveOmit<ToWorker, 'id'>;

export type SummaryChange =
  | { kind: 'reset'; articles: ArticleSummary[]; folders: string[] }
  | { kind: 'upsert'; article: ArticleSummary }
  | { kind: 'remove'; path: string }
  | { kind: 'entities' };

export type FromWorker =
  | { type: 'reply'; id: number; ok: true; result: unknown }
  | { type: 'reply'; id: number; ok: false; error: string }
  | { type: 'progress'; id: number; done: number; total: number }
  | { type: 'changed'; change: SummaryChange };
