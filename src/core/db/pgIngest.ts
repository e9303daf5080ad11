/**
 * Writing a corpus into the database backend: batches of articles by COPY, each batch one
 * transaction with the vocabulary's counts, so a killed ingest resumes where its last batch ended.
 * An article whose path, size and modification time are already there is skipped (ingest is
 * idempotent); one that changed is replaced; one that is gone from the corpus is deleted. Every
 * committed batch is announced on a channel, so other windows reading the database refresh.
 */
import type { ClientBase } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Article, FileStamp } from '../types';
import { ARTICLE_COLUMNS, articleRow, copyLine, rowValues, type ArticleRow } from './pgDocument';
import { migrate } from './pgSchema';

/** The channel a committed change is announced on (payload: JSON of IngestNotice). */
export const CHANGES_CHANNEL = 'corpus_lens_changes';
/** One ingest at a time per database: a second waits for the first. */
const INGEST_LOCK = 0x436f7271;
const BATCH_ARTICLES = 500;
const BATCH_BYTES = 8_000_000;
/** Paths named in a notice; past this many it says only how many (a NOTIFY payload stays under 8 kB). */
const NOTICE_PATHS = 40;

export interface IngestNotice {
  changed: number;
  removed: number;
  paths?: string[];
}

export interface IngestProgress {
  seen: number;
  written: number;
  bytes: number;
}

export interface IngestReport {
  added: number;
  updated: number;
  unchanged: number;
  removed: number;
  /** Bytes of reading text written. */
  textBytes: number;
}

export interface IngestSource {
  /** Every article's path (relative to the corpus, '/'-separated) with its stamp: what is unchanged is not read. */
  stamps: Iterable<[string, FileStamp]>;
  read(path: string): Article | undefined | Promise<Article | undefined>;
}

export interface IngestOptions {
  onProgress?: (p: IngestProgress) => void;
  /** Articles per committed batch. */
  batchArticles?: number;
}

export async function ingest(client: ClientBase, source: IngestSource, options: IngestOptions = {}): Promise<IngestReport> {
  await migrate(client);
  await client.query('SELECT pg_advisory_lock($1)', [INGEST_LOCK]);
  try {
    return await ingestLocked(client, source, options);
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [INGEST_LOCK]);
  }
}

async function ingestLocked(client: ClientBase, source: IngestSource, { onProgress, batchArticles = BATCH_ARTICLES }: IngestOptions): Promise<IngestReport> {
  const stored = await storedStamps(client);
  const report: IngestReport = { added: 0, updated: 0, unchanged: 0, removed: 0, textBytes: 0 };
  let batch: ArticleRow[] = [];
  let batchBytes = 0;
  let seen = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    await writeBatch(client, batch, stored);
    for (const row of batch) {
      if (stored.has(row.path)) report.updated++;
      else report.added++;
      report.textBytes += row.textBytes;
    }
    batch = [];
    batchBytes = 0;
    onProgress?.({ seen, written: report.added + report.updated, bytes: report.textBytes });
  };
  const present = new Set<string>();
  for (const [path, stamp] of source.stamps) {
    seen++;
    present.add(path);
    const old = stored.get(path);
    if (old && old.size === stamp.size && old.mtimeMs === stamp.mtimeMs) {
      report.unchanged++;
      continue;
    }
    const article = await source.read(path);
    if (!article) continue;
    const row = articleRow(article, path);
    batch.push(row);
    batchBytes += row.textBytes + row.terms.length;
    if (batch.length >= batchArticles || batchBytes >= BATCH_BYTES) await flush();
  }
  await flush();
  const gone = [...stored.keys()].filter((p) => !present.has(p));
  for (let i = 0; i < gone.length; i += BATCH_ARTICLES) await removeArticles(client, gone.slice(i, i + BATCH_ARTICLES));
  report.removed = gone.length;
  return report;
}

async function storedStamps(client: ClientBase): Promise<Map<string, FileStamp>> {
  const result = await client.query<{ path: string; size: string; mtime_ms: number }>('SELECT path, size, mtime_ms FROM articles');
  return new Map(result.rows.map((r) => [r.path, { size: Number(r.size), mtimeMs: r.mtime_ms }]));
}

/** One transaction: the old versions' words uncounted, the rows copied in, the new words counted, the change announced. */
async function writeBatch(client: ClientBase, rows: ArticleRow[], stored: Map<string, FileStamp>): Promise<void> {
  const replaced = rows.filter((r) => stored.has(r.path)).map((r) => r.path);
  await inTransaction(client, async () => {
    if (replaced.length > 0) await deleteRows(client, replaced);
    await copyRows(client, rows);
    await countTerms(client, rows);
    await notify(client, { changed: rows.length, removed: 0, paths: rows.length <= NOTICE_PATHS ? rows.map((r) => r.path) : undefined });
  });
}

/** Writes articles the extension read (its file watcher), replacing those already stored. */
export async function writeArticles(client: ClientBase, rows: ArticleRow[]): Promise<void> {
  const existing = await client.query<{ path: string }>('SELECT path FROM articles WHERE path = ANY($1::text[])', [rows.map((r) => r.path)]);
  const stored = new Map<string, FileStamp>(existing.rows.map((r) => [r.path, { size: 0, mtimeMs: 0 }]));
  await writeBatch(client, rows, stored);
}

/** Deletes articles that left the corpus, in one transaction. */
export async function removeArticles(client: ClientBase, paths: string[]): Promise<void> {
  await inTransaction(client, async () => {
    await deleteRows(client, paths);
    await notify(client, { changed: 0, removed: paths.length, paths: paths.length <= NOTICE_PATHS ? paths : undefined });
  });
}

async function inTransaction(client: ClientBase, work: () => Promise<void>): Promise<void> {
  await client.query('BEGIN');
  try {
    await work();
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}

async function deleteRows(client: ClientBase, paths: string[]): Promise<void> {
  await client.query(
    `WITH gone AS (DELETE FROM articles WHERE path = ANY($1::text[]) RETURNING terms),
          words AS (SELECT lexeme, count(*)::int AS n FROM gone, unnest(tsvector_to_array(gone.terms)) AS lexeme GROUP BY lexeme)
     UPDATE vocabulary v SET docs = v.docs - words.n FROM words WHERE v.term = words.lexeme`,
    [paths],
  );
  await client.query('DELETE FROM vocabulary WHERE docs <= 0');
}

function copyRows(client: ClientBase, rows: ArticleRow[]): Promise<void> {
  const stream = client.query(copyFrom(`COPY articles (${ARTICLE_COLUMNS}) FROM STDIN`));
  return new Promise((resolve, reject) => {
    stream.on('error', reject);
    stream.on('finish', () => resolve());
    stream.end(rows.map((row) => copyLine(rowValues(row))).join(''));
  });
}

async function countTerms(client: ClientBase, rows: ArticleRow[]): Promise<void> {
  const counts = new Map<string, number>();
  for (const row of rows) for (const term of row.lexemes) counts.set(term, (counts.get(term) ?? 0) + 1);
  await client.query(
    `INSERT INTO vocabulary (term, docs) SELECT * FROM unnest($1::text[], $2::int[])
     ON CONFLICT (term) DO UPDATE SET docs = vocabulary.docs + EXCLUDED.docs`,
    [[...counts.keys()], [...counts.values()]],
  );
}

async function notify(client: ClientBase, notice: IngestNotice): Promise<void> {
  await client.query('SELECT pg_notify($1, $2)', [CHANGES_CHANNEL, JSON.stringify(notice)]);
}
