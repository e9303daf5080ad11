/**
 * Reading the files of a load: their stamps (to tell which changed), and the changed ones parsed,
 * many in the parse pool, a few in the engine's thread.
 */
import { statSync } from 'node:fs';
import * as path from 'node:path';
import { setImmediate as yieldToEvents } from 'node:timers/promises';
import type { Article, FileStamp, Problem } from '../types';
import type { EngineOptions } from './engine';
import { poolFor, runParsePool, type PoolLoadOptions } from './parsePool';

/**
 * The parsing code (HTML, dates, languages, encodings: tens of MB of libraries), loaded the first time
 * this thread reads a file: a corpus reopened from its cache, or searched in a database, never needs it.
 */
export const parsing = () => import('../ingest/loader');

export interface ReadingCallbacks {
  report(problem: Problem): void;
  onProgress(done: number): void;
  take(article: Article): void;
  /** Something the user should read (a pool thread that failed). */
  notice(message: string): void;
}

/** Reads and parses files; when a pool thread fails, the files it had not finished are read in this thread. */
export async function readArticleFiles(files: string[], options: EngineOptions & { signal?: AbortSignal }, callbacks: ReadingCallbacks): Promise<void> {
  const { report, onProgress, take } = callbacks;
  const pool = poolFor(files.length, options);
  const handled = new Set<string>();
  if (pool) {
    const run = {
      files,
      options: poolOptions(options),
      signal: options.signal,
      visit: (article: Article) => (handled.add(path.resolve(article.path)), take(article)),
      onProblem: (problem: Problem) => (handled.add(path.resolve(problem.path)), report(problem)),
      onProgress,
    };
    const failed = await runParsePool(pool.workerFile, pool.size, run).then(
      () => undefined,
      (error: Error) => error.message,
    );
    if (!failed) return;
    callbacks.notice(`${failed}; the files it had not finished are read again without it`);
  }
  const rest = files.filter((file) => !handled.has(path.resolve(file)));
  if (rest.length === 0) return;
  const { forEachArticle } = await parsing();
  await forEachArticle(rest, { ...options, onProblem: report, onProgress: (done) => onProgress(handled.size + done) }, (article) => take(article));
}

/** The options a pool thread needs (what can cross a thread boundary). */
function poolOptions(options: EngineOptions): PoolLoadOptions {
  const { maxFileBytes, concurrency, sourcePatterns, sourceRules } = options;
  return { maxFileBytes, concurrency, sourcePatterns, sourceRules };
}

/**
 * The size and mtime of each file (undefined when it is gone). Synchronous stats in batches: on a
 * local disk each costs microseconds, where a promise per file costs ten times more; the pauses
 * between batches let the thread answer requests.
 */
export async function statAll(files: string[]): Promise<(FileStamp | undefined)[]> {
  const out: (FileStamp | undefined)[] = new Array(files.length);
  for (let i = 0; i < files.length; i++) {
    const stat = statSync(files[i], { throwIfNoEntry: false });
    out[i] = stat && { size: stat.size, mtimeMs: stat.mtimeMs };
    // Often enough that a search (a few round trips to a database) is answered during the check.
    if (i % 250 === 249) await yieldToEvents();
  }
  return out;
}
