/**
 * `npm run bench -- backend --corpus DIR [--copies N] [--runs R]`: the PostgreSQL backend beside the
 * embedded engine and plain minisearch, on the same copy of the corpus, each in a fresh process:
 * ingest (text MB/s written by COPY batches), a fresh session until the tree and search answer (a
 * search asked every 10 ms while the load goes on, as the extension does),
 * query p50/p95 over the search benchmark's queries, peak RSS, and the database's size on disk.
 * The server is Debian's PostgreSQL started for the run (src/tools/pgServer.ts).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { corpusSource, pathMapping } from '../core/db/corpusSource';
import { storeCorpusNames } from '../core/db/pgNames';
import { articleRow } from '../core/db/pgDocument';
import { WordDictionary } from '../core/db/tsvector';
import { ingest } from '../core/db/pgIngest';
import { indexerConnection } from '../core/db/pgConnection';
import { grantReader } from '../core/db/pgSchema';
import { CorpusEngine } from '../core/engine/engine';
import { workerHeapLimitMB } from '../core/engine/memoryBudget';
import { createCorpusDatabase, startPgServer } from '../tools/pgServer';
import { corpusCopies, median, parseBenchArgs, peakRssMB, percentile, printTable } from './common';
import { BENCH_QUERIES } from './search';
import { pgliteSession } from './pglite';
import { runChild } from './stores';

type ChildResult = Record<string, number>;

/** Tuning a server for this machine would get (the rest are Debian's defaults, fsync on). */
export const SERVER_SETTINGS = { shared_buffers: '1GB', max_wal_size: '4GB', maintenance_work_mem: '512MB' };

async function queryTimes(engine: CorpusEngine): Promise<{ p50: number; p95: number }> {
  const perQuery: number[] = [];
  for (const query of BENCH_QUERIES) {
    const times: number[] = [];
    for (let run = 0; run < 3; run++) {
      const started = performance.now();
      const outcome = await engine.search(query, 50);
      if (!outcome.ok) throw new Error(`bench query "${query}": ${outcome.error}`);
      times.push(performance.now() - started);
    }
    perQuery.push(median(times));
  }
  return { p50: percentile(perQuery, 50), p95: percentile(perQuery, 95) };
}

/** A fresh session: the tree from the cache, then the first search answered, then the queries. */
async function session(folder: string, cacheDir: string, backendUrl?: string): Promise<ChildResult> {
  const started = performance.now();
  const engine = new CorpusEngine({ backendUrl });
  const tree = new Promise<number>((resolve) => engine.onDidChange((c) => c.kind === 'reset' && resolve(performance.now() - started)));
  // As in the extension: the load goes on in the background, a search is asked every 10 ms until it answers.
  const loading = engine.load([folder], { cacheDir, searchInBackground: true });
  let first = await engine.search('government', 50);
  while (!first.ok) {
    if (!first.loading) throw new Error(first.error);
    await new Promise((resolve) => setTimeout(resolve, 10));
    first = await engine.search('government', 50);
  }
  const searchableMs = performance.now() - started;
  await loading;
  await engine.whenSearchable();
  const { p50, p95 } = await queryTimes(engine);
  const searchRssMB = peakRssMB();
  // Then the names, as the extension builds them next: from the database, or from the local names cache.
  const namesStarted = performance.now();
  const names = await engine.buildEntities();
  const namesMs = performance.now() - namesStarted;
  if (names.recognized > 0 && backendUrl) throw new Error(`the session recognized ${names.recognized} articles: the database should have their names`);
  // A first hover a moment after the names are ready (the stories are clustered in that moment).
  await new Promise((resolve) => setTimeout(resolve, 3000));
  const hoverStarted = performance.now();
  engine.hoverAt('A note on Tony Blair and the talks.', 12, { limit: 5, related: 5 });
  const hoverMs = performance.now() - hoverStarted;
  const namesRssMB = peakRssMB();
  // What the session keeps once the garbage of reading is collected (V8 collects late under a large heap limit).
  // The typed arrays' buffers are outside V8's heap: counted with it.
  (globalThis as { gc?: () => void }).gc?.();
  const kept = process.memoryUsage();
  const heapMB = (kept.heapUsed + kept.arrayBuffers) / 1e6;
  const settledRssMB = kept.rss / 1e6;
  engine.dispose();
  return { treeMs: await tree, searchableMs, p50, p95, rssMB: searchRssMB, namesMs, hoverMs, namesRssMB, heapMB, settledRssMB };
}

/** The corpus from its cache, then an ingest into the database, timed (the client stays open for more). */
async function timedIngest(folder: string, cacheDir: string, url: string) {
  const engine = new CorpusEngine();
  await engine.load([folder], { cacheDir, withoutSearch: true });
  const client = new Client({ connectionString: url });
  await client.connect();
  const indexer = await indexerConnection(url);
  const started = performance.now();
  const report = await ingest(client, corpusSource(engine, folder), { indexer });
  const ms = performance.now() - started;
  await indexer?.end();
  return { engine, client, report, ms };
}

const children: Record<string, (folder: string, cacheDir: string, url: string) => Promise<ChildResult>> = {
  /** Reads the corpus into the cache (not timed: the ingest that follows reads from it). */
  async read(folder, cacheDir) {
    const engine = new CorpusEngine();
    await engine.load([folder], { cacheDir, withoutSearch: true });
    return { articles: engine.size };
  },

  async ingest(folder, cacheDir, url) {
    const { engine, client, report, ms } = await timedIngest(folder, cacheDir, url);
    await grantReader(client, 'bench_reader');
    // Every article's row, timed whole: the first 2,000 extrapolated meet most of the corpus's new words, and are over in a moment of the machine's load.
    const rowsStarted = performance.now();
    const words = new WordDictionary();
    for (const summary of engine.articles()) articleRow(engine.get(summary.path)!, summary.path, words);
    const rowsMs = performance.now() - rowsStarted;
    const sizes = await client.query(
      `SELECT pg_database_size(current_database()) AS db, pg_total_relation_size('articles') AS articles, pg_relation_size('articles_terms') AS gin, pg_total_relation_size('vocabulary') AS vocabulary`,
    );
    await client.end();
    const size = sizes.rows[0];
    return {
      ms,
      rowsMs,
      textBytes: report.textBytes,
      articles: report.added,
      dbBytes: Number(size.db),
      articlesBytes: Number(size.articles),
      ginBytes: Number(size.gin),
      vocabularyBytes: Number(size.vocabulary),
      rssMB: peakRssMB(),
    };
  },

  /** The ingest's second part: every article's names recognized (all cores), the corpus resolved, stored. */
  async names(folder, cacheDir, url) {
    const engine = new CorpusEngine();
    await engine.load([folder], { cacheDir, withoutSearch: true });
    const client = new Client({ connectionString: url });
    await client.connect();
    const started = performance.now();
    const report = await storeCorpusNames(
      engine,
      client,
      pathMapping(() => folder),
    );
    const namesMs = performance.now() - started;
    // The sessions are measured on a settled database, not beside autovacuum's first pass over the new rows.
    await client.query('VACUUM (ANALYZE) articles');
    const size = await client.query(
      `SELECT pg_total_relation_size('mentions') + pg_total_relation_size('article_names') + pg_total_relation_size('entities') AS bytes`,
    );
    await client.end();
    return {
      namesMs,
      recognized: report.recognized,
      entities: report.entities,
      mentions: report.mentions,
      namesBytes: Number(size.rows[0].bytes),
      rssMB: peakRssMB(),
    };
  },

  async reingest(folder, cacheDir, url) {
    const { client, report, ms } = await timedIngest(folder, cacheDir, url);
    await client.end();
    return { ms, unchanged: report.unchanged };
  },

  /** The embedded sessions' caches (its index and its names), untimed: each timed session is a reopened window, not a first build. */
  async namesCache(folder, cacheDir) {
    const engine = new CorpusEngine();
    await engine.load([folder], { cacheDir });
    await engine.whenSearchable();
    const report = await engine.buildEntities();
    await engine.saveCache();
    return { recognized: report.recognized };
  },

  database: (folder, cacheDir, url) => session(folder, cacheDir, url),
  pglite: (folder, cacheDir) => pgliteSession(folder, cacheDir),
  embedded: (folder, cacheDir) => session(folder, cacheDir),
};

/** The writes before (the corpus copied, the cache written, an earlier ingest) go to disk first: they are not the ingest's. */
async function settleDisks(adminUrl: string): Promise<void> {
  spawnSync('sync');
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query('CHECKPOINT');
  await admin.end();
}

function runBackendChild(mode: string, folder: string, cacheDir: string, url = ''): ChildResult {
  const flags = ['--expose-gc', `--max-old-space-size=${workerHeapLimitMB()}`];
  const child = spawnSync(process.execPath, [...flags, process.argv[1], 'backend', '--child', mode, folder, cacheDir, url], {
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  });
  const last = child.stdout.trim().split('\n').at(-1) ?? '';
  try {
    return JSON.parse(last) as ChildResult;
  } catch {
    throw new Error(`bench child "${mode}" failed (exit ${child.status}): ${child.stderr.slice(-2000)}`);
  }
}

const MB = 1e6;
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const ms = (value: number) => `${value.toFixed(value < 10 ? 2 : 0)} ms`;
const mb = (bytes: number) => `${(bytes / MB).toFixed(0)} MB`;

export async function benchBackend(argv: string[]): Promise<void> {
  if (argv[0] === '--child') {
    process.stdout.write(JSON.stringify(await children[argv[1]](argv[2], argv[3], argv[4])) + '\n');
    return;
  }
  const args = parseBenchArgs(argv);
  const copies = corpusCopies(args.corpus, args.copies);
  const cacheDir = mkdtempSync(path.join(os.tmpdir(), 'corpus-lens-backend-cache-'));
  const server = await startPgServer({ settings: SERVER_SETTINGS });
  try {
    const database = await createCorpusDatabase(server, 'bench');
    const { articles } = runBackendChild('read', copies.folder, cacheDir);
    // The ingest into fresh databases, each on disks at rest (synced, checkpointed): the first is the one the sessions read.
    const ingests = [];
    for (let run = 0; run < args.runs; run++) {
      const target = run === 0 ? database : await createCorpusDatabase(server, `bench_ingest_${run}`);
      await settleDisks(server.adminUrl);
      ingests.push(runBackendChild('ingest', copies.folder, cacheDir, target.ingestUrl));
    }
    const ingested = ingests[0];
    const ingestMs = median(ingests.map((i) => i.ms));
    const again = runBackendChild('reingest', copies.folder, cacheDir, database.ingestUrl);
    const names = runBackendChild('names', copies.folder, cacheDir, database.ingestUrl);
    // The embedded sessions take their index and names from the local cache, as a window after its first build does.
    runBackendChild('namesCache', copies.folder, cacheDir);
    const runs = Array.from({ length: args.runs }, () => ({
      database: runBackendChild('database', copies.folder, cacheDir, database.readerUrl),
      embedded: runBackendChild('embedded', copies.folder, cacheDir),
    }));
    const pglite = args.copies <= 20 ? runBackendChild('pglite', copies.folder, cacheDir) : undefined;
    runChild('plainBuild', copies.folder, cacheDir);
    const plain = Array.from({ length: args.runs }, () => runChild('plainSession', copies.folder, cacheDir));
    const med = (pick: (r: (typeof runs)[number]) => number) => median(runs.map(pick));
    const textMB = ingested.textBytes / MB;
    printTable(
      `PostgreSQL backend, embedded engine, plain minisearch (${args.corpus} × ${args.copies} = ${articles} articles, ${textMB.toFixed(1)} MB of text; medians of ${args.runs})`,
      [
        [
          'ingest: time, text written per second (range over the runs)',
          `${s(ingestMs)}, ${(textMB / (ingestMs / 1000)).toFixed(1)} MB/s (${ingests.map((i) => (textMB / (i.ms / 1000)).toFixed(1)).join(', ')})`,
        ],
        ['  of which building rows in JS (words, binary tsvector)', s(ingested.rowsMs)],
        ['ingest again, nothing changed', `${s(again.ms)} (${again.unchanged} unchanged)`],
        [
          'ingest, names: recognized (all cores), resolved, stored; entities, mentions; on disk',
          `${s(names.namesMs)} (${names.recognized} articles); ${names.entities} entities, ${names.mentions} mentions; ${mb(names.namesBytes)}`,
        ],
        ['fresh session to the tree: database / embedded', `${s(med((r) => r.database.treeMs))} / ${s(med((r) => r.embedded.treeMs))}`],
        [
          'fresh session until search answers: database / embedded / plain minisearch',
          `${s(med((r) => r.database.searchableMs))} / ${s(med((r) => r.embedded.searchableMs))} / ${s(median(plain.map((p) => p.searchableMs)))}`,
        ],
        ['query p50 / p95: database', `${ms(med((r) => r.database.p50))} / ${ms(med((r) => r.database.p95))}`],
        ['query p50 / p95: embedded', `${ms(med((r) => r.embedded.p50))} / ${ms(med((r) => r.embedded.p95))}`],
        ['query p50 / p95: plain minisearch (bare search, no snippets)', `${ms(median(plain.map((p) => p.p50)))} / ${ms(median(plain.map((p) => p.p95)))}`],
        [
          'peak RSS of the session (the engine thread): database / embedded / plain',
          `${med((r) => r.database.rssMB).toFixed(0)} / ${med((r) => r.embedded.rssMB).toFixed(0)} / ${median(plain.map((p) => p.rssMB)).toFixed(0)} MB`,
        ],
        [
          'session: names until hovers answer, database / embedded (its names cache); the first hover card, 3 s later',
          `${s(med((r) => r.database.namesMs))} / ${s(med((r) => r.embedded.namesMs))}; ${ms(med((r) => r.database.hoverMs))} / ${ms(med((r) => r.embedded.hoverMs))}`,
        ],
        [
          'peak RSS of the session with the names: database / embedded; heap and buffers kept after a collection; RSS then',
          `${med((r) => r.database.namesRssMB).toFixed(0)} / ${med((r) => r.embedded.namesRssMB).toFixed(0)} MB; ${med((r) => r.database.heapMB).toFixed(0)} / ${med((r) => r.embedded.heapMB).toFixed(0)} MB; ${med((r) => r.database.settledRssMB).toFixed(0)} / ${med((r) => r.embedded.settledRssMB).toFixed(0)} MB`,
        ],
        [
          'PGlite (WebAssembly, in-process, file-backed): ingest MB/s; query p50 / p95; reopen until search answers; peak RSS',
          pglite
            ? `${(pglite.textBytes / MB / (pglite.ingestMs / 1000)).toFixed(1)} MB/s; ${ms(pglite.p50)} / ${ms(pglite.p95)}; ${s(pglite.reopenMs)}; ${pglite.rssMB.toFixed(0)} MB`
            : 'not run at this size',
        ],
        [
          'database on disk: all / articles (with TOAST) / GIN index / vocabulary',
          `${mb(ingested.dbBytes)} / ${mb(ingested.articlesBytes)} / ${mb(ingested.ginBytes)} / ${mb(ingested.vocabularyBytes)}`,
        ],
        ['bytes on disk per article', `${((ingested.dbBytes - 8e6) / articles).toFixed(0)}`],
      ],
    );
  } finally {
    server.stop();
    copies.dispose();
    rmSync(cacheDir, { recursive: true, force: true });
  }
}
