/**
 * Reading, parsing and name recognition of many files on all cores: a pool of worker threads
 * (parseWorker.ts) fed small batches as they finish, so a slow file never holds the others up.
 * Used for cold builds; a handful of files are read in the engine's own thread.
 */
import { existsSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ArticleNames } from '../entities/resolve';
import type { LoadOptions } from '../ingest/loader';
import type { Article, Problem } from '../types';

export type PoolLoadOptions = Omit<LoadOptions, 'signal' | 'onProgress' | 'onProblem'>;

export type ToParseWorker = { files: string[]; options: PoolLoadOptions; recognize: boolean };
export type FromParseWorker = { type: 'article'; article: Article; names?: ArticleNames } | { type: 'problem'; problem: Problem } | { type: 'batchDone' };

export interface PoolRun {
  files: string[];
  options: PoolLoadOptions;
  /** Also recognize each article's names (what the entity build would do next). */
  recognize: boolean;
  signal?: AbortSignal;
  visit(article: Article, names: ArticleNames | undefined): void;
  onProblem(problem: Problem): void;
  onProgress(done: number): void;
}

const BATCH = 16;
/** Fewer files than this are read in the engine's thread: starting workers costs more. */
export const POOL_MIN_FILES = 400;

/** The bundled worker beside this file (dist/parseWorker.js), if the build made one. */
export function parseWorkerFile(): string | undefined {
  const file = path.join(__dirname, 'parseWorker.js');
  return existsSync(file) ? file : undefined;
}

/** As many threads as the machine has cores (the engine's own thread then mostly waits and stores). */
export function defaultPoolSize(): number {
  return Math.max(1, os.availableParallelism?.() ?? os.cpus().length);
}

/** Runs the files through `size` worker threads; resolves when every file was visited or reported, or the signal aborted. */
export async function runParsePool(workerFile: string, size: number, run: PoolRun): Promise<void> {
  const workers = Array.from({ length: Math.min(size, Math.ceil(run.files.length / BATCH)) }, () => new Worker(workerFile));
  let next = 0;
  let done = 0;
  try {
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            let inHand = 0;
            const feed = () => {
              if (next >= run.files.length || run.signal?.aborted) return inHand === 0 && resolve();
              inHand++;
              const files = run.files.slice(next, next + BATCH);
              next += files.length;
              worker.postMessage({ files, options: run.options, recognize: run.recognize } satisfies ToParseWorker);
            };
            worker.on('message', (message: FromParseWorker) => {
              if (message.type === 'batchDone') {
                inHand--;
                return feed();
              }
              if (message.type === 'article') run.visit(message.article, message.names);
              else run.onProblem(message.problem);
              run.onProgress(++done);
            });
            worker.on('error', reject);
            worker.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`a parse worker stopped (exit code ${code})`))));
            // Two batches in hand: a worker never waits for the engine's thread to ask for more.
            feed();
            feed();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
