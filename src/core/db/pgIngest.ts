/**
 * Writing a corpus into the database backend: batches of articles by COPY, each batch one
 * transaction (src/core/db/pgWrite.ts), so a killed ingest resumes where its last batch ended.
 * An article whose path, size and modification time are already there, read by the same parsing
 * rules, is skipped (ingest is idempotent); one that changed is replaced; one that is gone from the corpus is deleted.
 */
import { setImmediate as yieldToEvents, setTimeout as sleep } from 'node:timers/promises';
import type { SqlClient } from './sqlClient';
import type { Article, FileStamp } from '../types';
import { PARSE_RULES } from '../ingest/articleFiles';
import { articleRow, type ArticleRow } from './pgDocument';
import { migrate } from './pgSchema';
import { knownWords, removeArticles, restoreWords, writeBatch, type KnownWords } from './pgWrite';

/** One writer at a time per database: a second waits for the first. */
const INGEST_LOCK = 0x436f7271;
const BATCH_ARTICLES = 500;
const BATCH_BYTES = 8_000_000;
const YIELD_EVERY = 4;
const MERGE_PENDING = "SELECT gin_clean_pending_list('articles_terms'::regclass) AS pages";
/**
 * The indexer's pause after each merge: a pending list merged in larger pieces costs the server less
 * in all (measured at BBC ×20: 0.3 s 9.5 MB/s, 1 s 10.0, 2 s 8.3, when the writer's list fills and it merges itself).
 */
const MERGE_PAUSE_MS = 1000;

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
  /**
   * A second connection to the same database: it merges the new index entries into the text index
   * while the first writes, so the server works on two cores (the writer's process then only appends them).
   */
  indexer?: SqlClient;
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

async function ingestLocked(
  client: SqlClient,
  source: IngestSource,
  { onProgress, batchArticles = BATCH_ARTICLES, indexer }: IngestOptions,
): Promise<IngestReport> {
  const merging = indexer && mergeWhileWriting(indexer);
  let report: IngestReport;
  try {
    report = await writeChanges(client, source, onProgress, batchArticles);
  } finally {
    await merging?.stop();
  }
  if (report.added + report.updated + report.removed > 0) await settle(client, indexer);
  return report;
}

async function writeChanges(client: SqlClient, source: IngestSource, onProgress: IngestOptions['onProgress'], batchArticles: number): Promise<IngestReport> {
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
      if (article) await batches.add(articleRow(article, path, batches.known), stored.has(path));
    }
    await batches.finish();
  } catch (error) {
    await batches.abandon();
    throw error;
  }
  const gone = [...stored.keys()].filter((p) => !present.has(p));
  for (let i = 0; i < gone.length; i += BATCH_ARTICLES) await removeArticles(client, gone.slice(i, i + BATCH_ARTICLES), batches.known);
  report.removed = gone.length;
  return report;
}

/** Rows gathered into batches; one batch is written while the next is built, so the server's work and ours overlap. */
class BatchWriter {
  private rows: ArticleRow[] = [];
  private replaced: string[] = [];
  /** The batch's words the vocabulary does not hold yet, found while the previous batch is written. */
  private newWords: string[] = [];
  /** Words a batch removed from the vocabulary, maybe while a later batch that holds them was built. */
  private readonly pruned = new Set<string>();
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
    for (const word of row.newWords) this.newWords.push(word);
    this.bytes += row.textBytes + row.terms.length;
    if (this.rows.length >= this.batchArticles || this.bytes >= BATCH_BYTES) await this.flush();
    // Lets the socket send the batch being written while rows are built.
    else if (this.rows.length % YIELD_EVERY === 0) await yieldToEvents();
  }

  private async flush(): Promise<void> {
    if (this.rows.length === 0) return;
    const { rows, replaced, newWords } = this;
    this.rows = [];
    this.replaced = [];
    this.newWords = [];
    this.bytes = 0;
    await this.writing;
    this.writing = writeBatch(this.client, rows, replaced, this.known, newWords).then((pruned) => {
      for (const word of pruned) this.pruned.add(word);
      this.onWritten(rows);
    });
    // A failed write is seen by the next flush or by finish, not left unhandled meanwhile.
    this.writing.catch(() => undefined);
  }

  async finish(): Promise<void> {
    await this.flush();
    await this.writing;
    await restoreWords(this.client, [...this.pruned], this.known);
  }

  /** The batch on its way is committed or rolled back before the ingest lets go of its lock. */
  async abandon(): Promise<void> {
    await this.writing.catch(() => undefined);
  }
}

/**
 * Merges the GIN index's pending list on its own connection until stopped: a merge is most of the
 * index's cost, and the writer's server process would otherwise stop appending rows to do it. A
 * failing connection just ends the merging (the ingest's last step merges what is left).
 */
function mergeWhileWriting(indexer: SqlClient): { stop(): Promise<void> } {
  const stopped = new AbortController();
  const merged = (async () => {
    while (!stopped.signal.aborted) {
      const pages = await indexer.query<{ pages: string }>(MERGE_PENDING).then(
        (result) => Number(result.rows[0].pages),
        () => -1,
      );
      if (pages < 0) return;
      await sleep(MERGE_PAUSE_MS, undefined, { signal: stopped.signal }).catch(() => undefined);
    }
  })();
  return {
    stop: async () => {
      stopped.abort();
      await merged;
    },
  };
}

/**
 * New index entries wait in the GIN index's pending list (fast to write, slower to search): merged
 * now, and the planner's statistics renewed (at once, on the indexer's connection).
 */
async function settle(client: SqlClient, indexer?: SqlClient): Promise<void> {
  await Promise.all([client.query(MERGE_PENDING), (indexer ?? client).query('ANALYZE articles')]);
}

/** Every stored article's path with the size and modification time it was written from, and the parsing rules that read it. */
export async function storedStamps(client: SqlClient): Promise<Map<string, FileStamp & { parseRules: number }>> {
  const result = await client.query<{ path: string; size: string; mtime_ms: number; parse_rules: number }>(
    'SELECT path, size, mtime_ms, parse_rules FROM articles',
  );
  return new Map(result.rows.map((r) => [r.path, { size: Number(r.size), mtimeMs: r.mtime_ms, parseRules: r.parse_rules }]));
}
