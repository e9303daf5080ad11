/**
 * Cold builds on all cores: a pool of worker threads (parseWorker.ts) that read and parse files, or
 * recognize the names of articles already read, fed small batches as they finish so a slow file
 * never holds the others up. A handful of files are done in the engine's own thread.
 */
import { existsSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ArticleNames } from '../entities/resolve';
import type { LoadOptions } from '../ingest/articleFiles';
import type { Article, Paragraph, Problem } from '../types';

export type PoolLoadOptions = Omit<LoadOptions, 'signal' | 'onProgress' | 'onProblem'>;

export type ToParseWorker =
  { kind: 'read'; files: string[]; options: PoolLoadOptions } | { kind: 'recognize'; articles: { path: string; paragraphs: Paragraph[] }[] };
export type FromParseWorker =
  { type: 'article'; article: Article } | { type: 'problem'; problem: Problem } | { type: 'names'; path: string; names: ArticleNames } | { type: 'batchDone' };

export interface PoolRun {
  files: string[];
  options: PoolLoadOptions;
  signal?: AbortSignal;
  visit(article: Article): void;
  onProblem(problem: Problem): void;
  onProgress(done: number): void;
}

const BATCH = 16;
/** Fewer files than this are read in the engine's thread: starting workers costs more. */
export const POOL_MIN_FILES = 400;

/** The bundled worker beside this file (dist/parseWorker.js), if the build made one. */
function parseWorkerFile(): string | undefined {
  const file = path.join(__dirname, 'parseWorker.js');
  return existsSync(file) ? file : undefined;
}

/** As many threads as the machine has cores (the engine's own thread then mostly waits and stores). */
function defaultPoolSize(): number {
  return Math.max(1, os.availableParallelism?.() ?? os.cpus().length);
}

/** The pool for this many files or articles, or none: too few, one thread asked for, or no worker bundle. */
export function poolFor(items: number, options: { parseThreads?: number; parseWorkerFile?: string }): { workerFile: string; size: number } | undefined {
  if (items < POOL_MIN_FILES || options.parseThreads === 1) return undefined;
  const workerFile = options.parseWorkerFile ?? parseWorkerFile();
  return workerFile ? { workerFile, size: options.parseThreads || defaultPoolSize() } : undefined;
}

/** Runs the files through `size` worker threads; resolves when every file was visited or reported, or the signal aborted. */
export function runParsePool(workerFile: string, size: number, run: PoolRun): Promise<void> {
  let done = 0;
  return runPool(
    workerFile,
    size,
    run.files,
    run.signal,
    (files) => ({ kind: 'read', files, options: run.options }),
    (message) => {
      if (message.type === 'article') run.visit(message.article);
      else if (message.type === 'problem') run.onProblem(message.problem);
      else return;
      run.onProgress(++done);
    },
  );
}

export interface RecognizeRun {
  paths: string[];
  paragraphs(path: string): Paragraph[];
  signal?: AbortSignal;
  visit(path: string, names: ArticleNames): void;
}

/** Recognizes the names of stored articles in `size` worker threads (their text is sent along). */
export function runRecognizePool(workerFile: string, size: number, run: RecognizeRun): Promise<void> {
  const message = (paths: string[]): ToParseWorker => ({ kind: 'recognize', articles: paths.map((path) => ({ path, paragraphs: run.paragraphs(path) })) });
  return runPool(workerFile, size, run.paths, run.signal, message, (reply) => reply.type === 'names' && run.visit(reply.path, reply.names));
}

/** Batches of items to each worker, two in hand so none waits; `onReply` gets everything but the batch ends. */
async function runPool(
  workerFile: string,
  size: number,
  items: string[],
  signal: AbortSignal | undefined,
  message: (batch: string[]) => ToParseWorker,
  onReply: (reply: FromParseWorker) => void,
): Promise<void> {
  const workers = Array.from({ length: Math.min(size, Math.ceil(items.length / BATCH)) }, () => new Worker(workerFile));
  let next = 0;
  try {
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            let inHand = 0;
            const feed = () => {
              if (next >= items.length || signal?.aborted) return inHand === 0 && resolve();
              inHand++;
              const batch = items.slice(next, next + BATCH);
              next += batch.length;
              worker.postMessage(message(batch));
            };
            worker.on('message', (reply: FromParseWorker) => {
              if (reply.type !== 'batchDone') return onReply(reply);
              inHand--;
              feed();
            });
            worker.on('error', reject);
            worker.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`a parse worker stopped (exit code ${code})`))));
            feed();
            feed();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
