/**
 * Writing a corpus into the database backend: batches of articles by COPY, each batch one
 * transaction (src/core/db/pgWrite.ts), so a killed ingest resumes where its last batch ended.
 * An article whose path, size and modification time are already there, read by the same parsing
 * rules, is skipped (ingest is idempotent); one that changed is replaced; one that is gone from the corpus is deleted.
 */
import { setImmediate as yieldToEvents } from 'node:timers/promises';
import type { SqlClient } from './sqlClient';
import type { Article, FileStamp } from '../types';
import { PARSE_RULES } from '../ingest/parse';
import { articleRow, type ArticleRow } from './pgDocument';
import { migrate } from './pgSchema';
import { knownWords, removeArticles, writeBatch, type KnownWords } from './pgWrite';

/** One writer at a time per database: a second waits for the first. */
const INGEST_LOCK = 0x436f7271;
const BATCH_ARTICLES = 500;
const BATCH_BYTES = 8_000_000;
const YIELD_EVERY = 16;

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

export async function ingest(client: SqlClient, source: IngestSource, options: IngestOptions = {}): Promise<IngestReport> {
  await migrate(client);
  return withIngestLock(client, () => ingestLocked(client, source, options));
}

/** Writers take turns (an ingest, a window's file watcher): two never write the same article at once. */
export async function withIngestLock<T>(client: SqlClient, work: () => Promise<T>): Promise<T> {
  await client.query('SELECT pg_advisory_lock($1)', [INGEST_LOCK]);
  try {
    return await work();
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [INGEST_LOCK]);
  }
}

async function ingestLocked(client: SqlClient, source: IngestSource, { onProgress, batchArticles = BATCH_ARTICLES }: IngestOptions): Promise<IngestReport> {
  const stored = await storedStamps(client);
  const report: IngestReport = { added: 0, updated: 0, unchanged: 0, removed: 0, textBytes: 0 };
  let seen = 0;
  const batches = new BatchWriter(client, await knownWords(client), batchArticles, (rows) => {
    for (const row of rows) {
      if (stored.has(row.path)) report.updated++;
      else report.added++;
      report.textBytes += row.textBytes;
    }
    onProgress?.({ seen, written: report.added + report.updated, bytes: report.textBytes });
  });
  const present = new Set<string>();
  try {
    for (const [path, stamp] of source.stamps) {
      seen++;
      present.add(path);
      const old = stored.get(path);
      if (old && old.size === stamp.size && old.mtimeMs === stamp.mtimeMs && old.parseRules === PARSE_RULES) {
        report.unchanged++;
        continue;
      }
      const article = await source.read(path);
      if (article) await batches.add(articleRow(article, path), stored.has(path));
    }
    await batches.finish();
  } catch (error) {
    await batches.abandon();
    throw error;
  }
  const gone = [...stored.keys()].filter((p) => !present.has(p));
  for (let i = 0; i < gone.length; i += BATCH_ARTICLES) await removeArticles(client, gone.slice(i, i + BATCH_ARTICLES), batches.known);
  report.removed = gone.length;
  if (report.added + report.updated + report.removed > 0) await settle(client);
  return report;
}

/** Rows gathered into batches; one batch is written while the next is built, so the server's work and ours overlap. */
class BatchWriter {
  private rows: ArticleRow[] = [];
  private replaced: string[] = [];
  private bytes = 0;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly client: SqlClient,
    readonly known: KnownWords,
    private readonly batchArticles: number,
    private readonly onWritten: (rows: ArticleRow[]) => void,
  ) {}

  async add(row: ArticleRow, replacing: boolean): Promise<void> {
    this.rows.push(row);
    if (replacing) this.replaced.push(row.path);
    this.bytes += row.textBytes + row.terms.length;
    if (this.rows.length >= this.batchArticles || this.bytes >= BATCH_BYTES) await this.flush();
    // Lets the socket send the batch being written while rows are built.
    else if (this.rows.length % YIELD_EVERY === 0) await yieldToEvents();
  }

  private async flush(): Promise<void> {
    if (this.rows.length === 0) return;
    const { rows, replaced } = this;
    this.rows = [];
    this.replaced = [];
    this.bytes = 0;
    await this.writing;
    this.writing = writeBatch(this.client, rows, replaced, this.known).then(() => this.onWritten(rows));
    // A failed write is seen by the next flush or by finish, not left unhandled meanwhile.
    this.writing.catch(() => undefined);
  }

  async finish(): Promise<void> {
    await this.flush();
    await this.writing;
  }

  /** The batch on its way is committed or rolled back before the ingest lets go of its lock. */
  async abandon(): Promise<void> {
    await this.writing.catch(() => undefined);
  }
}

/** New index entries wait in the GIN index's pending list (fast to write, slower to search): merged now, and the planner's statistics renewed. */
async function settle(client: SqlClient): Promise<void> {
  await client.query("SELECT gin_clean_pending_list('articles_terms'::regclass)");
  await client.query('ANALYZE articles');
}

/** Every stored article's path with the size and modification time it was written from, and the parsing rules that read it. */
export async function storedStamps(client: SqlClient): Promise<Map<string, FileStamp & { parseRules: number }>> {
  const result = await client.query<{ path: string; size: string; mtime_ms: number; parse_rules: number }>(
    'SELECT path, size, mtime_ms, parse_rules FROM articles',
  );
  return new Map(result.rows.map((r) => [r.path, { size: Number(r.size), mtimeMs: r.mtime_ms, parseRules: r.parse_rules }]));
}
