/**
 * Reading the files of a load: their stamps (to tell which changed), and the changed ones parsed,
 * many in the parse pool, a few in the engine's thread.
 */
import { statSync } from 'node:fs';
import * as path from 'node:path';
import { setImmediate as yieldToEvents } from 'node:timers/promises';
import { sameStamp, type Article, type FileStamp, type Problem } from '../types';
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

/** What the stamps of a load's files say: the files to read again, and how many the store knows. */
export interface FileCheck {
  /** Files whose size or mtime differ from the stored article's (or that are new, or gone since listed). */
  stale: string[];
  /** The stale files' size and mtime as they were stat'ed (none for a file gone since it was listed). */
  staleStamps: Map<string, FileStamp>;
  /** Listed files the store has an article for. */
  known: number;
  /** The listed files' bytes (what a cold index must take in). */
  bytes: number;
}

/**
 * Compares each file's size and mtime with the stored article's as it is stat'ed, keeping only the
 * files that differ (at ×50, an array of 111,250 stamps had outlived the check). Synchronous stats in
 * batches: on a local disk each costs microseconds, where a promise per file costs ten times more; the
 * pauses between batches let the thread answer requests.
 */
export async function checkStamps(files: string[], stored: (file: string) => FileStamp | undefined): Promise<FileCheck> {
  const check: FileCheck = { stale: [], staleStamps: new Map(), known: 0, bytes: 0 };
  for (let i = 0; i < files.length; i++) {
    const stat = statSync(files[i], { throwIfNoEntry: false });
    const record = stored(files[i]);
    if (record) check.known++;
    if (stat) check.bytes += stat.size;
    const stamp = stat && { size: stat.size, mtimeMs: stat.mtimeMs };
    if (!sameStamp(record, stamp)) {
      check.stale.push(files[i]);
      if (stamp) check.staleStamps.set(files[i], stamp);
    }
    // Often enough that a search (a few round trips to a database) is answered during the check.
    if (i % 250 === 249) await yieldToEvents();
  }
  return check;
}
