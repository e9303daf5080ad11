/**
 * `npm run bench -- stores --corpus DIR [--copies N] [--runs R]`: the lean engine against plain
 * minisearch on the same copy of the corpus, each measure in a fresh process (peak RSS is per
 * process): cold build (articles, index, names), a fresh session to the tree and until searchable,
 * queries, one changed file applied, and the CLI's `articles --json` from its cache.
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, promises as fs, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import MiniSearch from 'minisearch';
import { CorpusEngine } from '../core/engine/engine';
import { workerHeapLimitMB } from '../core/engine/memoryBudget';
import { listArticleFiles } from '../core/ingest/articleFiles';
import { median, parseBenchArgs, peakRssMB, percentile, printTable } from './common';
import { BENCH_QUERIES } from './search';

type ChildResult = Record<string, number>;

/** Plain minisearch doing the same indexing work as ours (title, text, source), storing the title a result list shows. */
const PLAIN_OPTIONS = { fields: ['title', 'text', 'source'], storeFields: ['title'] };

/** Each query three times; the median of each, then p50 and p95 over the queries. */
export async function queryTimes(run: (query: string) => Promise<unknown>, queries = BENCH_QUERIES): Promise<{ p50: number; p95: number }> {
  const perQuery: number[] = [];
  for (const query of queries) {
    const times: number[] = [];
    for (let repeat = 0; repeat < 3; repeat++) {
      const started = performance.now();
      await run(query);
      times.push(performance.now() - started);
    }
    perQuery.push(median(times));
  }
  return { p50: percentile(perQuery, 50), p95: percentile(perQuery, 95) };
}

const children: Record<string, (folder: string, cacheDir: string) => Promise<ChildResult>> = {
  async cold(folder, cacheDir) {
    const started = performance.now();
    const engine = new CorpusEngine({ parseThreads: Number(process.env.PARSE_THREADS ?? 0) });
    await engine.load([folder], { cacheDir });
    const searchable = performance.now() - started;
    await engine.buildEntities();
    const files = await listArticleFiles([folder]);
    const bytes = (await Promise.all(files.map((f) => fs.stat(f).then((s) => s.size)))).reduce((a, b) => a + b, 0);
    return { searchableMs: searchable, withNamesMs: performance.now() - started, bytes, rssMB: peakRssMB() };
  },

  async tree(folder, cacheDir) {
    const started = performance.now();
    const engine = new CorpusEngine();
    const first = new Promise<number>((resolve) => engine.onDidChange((c) => c.kind === 'reset' && resolve(performance.now() - started)));
    void engine.load([folder], { cacheDir, withoutSearch: true });
    const treeMs = await first;
    return { treeMs, articles: engine.size, rssMB: peakRssMB() };
  },

  async session(folder, cacheDir) {
    const started = performance.now();
    const engine = new CorpusEngine();
    await engine.load([folder], { cacheDir });
    const searchableMs = performance.now() - started;
    const { p50, p95 } = await queryTimes((q) => engine.search(q, 50));
    const rssSearchMB = peakRssMB();
    const heapSearchMB = usedHeapMB();
    const namesStarted = performance.now();
    await engine.buildEntities();
    const namesMs = performance.now() - namesStarted;
    const heapNamesMB = usedHeapMB() - heapSearchMB;
    const changeMs = median(await changedFileTimes(engine, folder));
    const settleStarted = performance.now();
    engine.settleEntities();
    const settleMs = performance.now() - settleStarted;
    return { searchableMs, p50, p95, rssSearchMB, heapSearchMB, heapNamesMB, namesMs, changeMs, settleMs, articles: engine.size, rssMB: peakRssMB() };
  },

  async plainBuild(folder, cacheDir) {
    const started = performance.now();
    const mini = new MiniSearch(PLAIN_OPTIONS);
    const files = await listArticleFiles([folder]);
    let id = 0;
    for (const file of files) {
      const text = await fs.readFile(file, 'utf8');
      mini.add({ id: id++, title: text.slice(0, text.indexOf('\n')), text, source: path.basename(path.dirname(file)) });
    }
    const searchableMs = performance.now() - started;
    writeFileSync(path.join(cacheDir, 'plain.json'), JSON.stringify(mini));
    return { searchableMs, savedMs: performance.now() - started, rssMB: peakRssMB() };
  },

  async plainSession(_folder, cacheDir) {
    const started = performance.now();
    const mini = MiniSearch.loadJSON(readFileSync(path.join(cacheDir, 'plain.json'), 'utf8'), PLAIN_OPTIONS);
    const searchableMs = performance.now() - started;
    const { p50, p95 } = await queryTimes(async (q) => mini.search(q));
    return { searchableMs, p50, p95, rssMB: peakRssMB() };
  },
};

/** Five articles changed one after the other (a sentence added), each applied as a file event: tree, index and names. */
async function changedFileTimes(engine: CorpusEngine, folder: string): Promise<number[]> {
  const files = (await listArticleFiles([folder])).filter((_, i, all) => i % Math.floor(all.length / 5) === 0).slice(0, 5);
  const times: number[] = [];
  for (const [i, file] of files.entries()) {
    appendFileSync(file, `\nA sentence added by the benchmark, naming Gordon Brown, ${i}.\n`);
    utimesSync(file, new Date(), new Date(Date.now() + 1000 * (i + 1)));
    const started = performance.now();
    await engine.applyFileEvents([file], []);
    times.push(performance.now() - started);
  }
  return times;
}

/** The heap still in use after a full collection (the bench runs with --expose-gc when it can). */
function usedHeapMB(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed / MB;
}

export function runChild(mode: string, folder: string, cacheDir: string, env: Record<string, string> = {}): ChildResult {
  // Every child gets the heap the extension gives its engine thread, plain minisearch too.
  const flags = ['--expose-gc', `--max-old-space-size=${workerHeapLimitMB()}`];
  const child = spawnSync(process.execPath, [...flags, process.argv[1], 'stores', '--child', mode, folder, cacheDir], {
    encoding: 'utf8',
    maxBuffer: 1 << 24,
    env: { ...process.env, ...env },
  });
  const last = child.stdout.trim().split('\n').at(-1) ?? '';
  try {
    return JSON.parse(last) as ChildResult;
  } catch {
    throw new Error(`bench child "${mode}" failed (exit ${child.status}): ${child.stderr.slice(-2000)}`);
  }
}

/** The CLI's `articles --json` on a corpus whose cache exists: wall time and peak RSS from /usr/bin/time. */
function cliArticles(folder: string, cacheDir: string): { ms: number; rssMB: number } {
  const cli = path.join(path.dirname(process.argv[1]), 'cli.js');
  const started = performance.now();
  const child = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, cli, 'articles', '--json', '--corpus', folder, '--cache-dir', cacheDir], {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  const ms = performance.now() - started;
  const rssKB = Number(child.stderr.trim().split('\n').at(-1));
  return { ms, rssMB: rssKB / 1024 };
}

function copyCorpus(corpus: string, copies: number): string {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'corpus-lens-stores-'));
  for (let i = 1; i <= copies; i++) cpSync(corpus, path.join(folder, `copy-${i}`), { recursive: true });
  return folder;
}

const MB = 1024 * 1024;
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const ms = (value: number) => `${value.toFixed(value < 10 ? 2 : 0)} ms`;
const mb = (value: number) => `${value.toFixed(0)} MB`;

export async function benchStores(argv: string[]): Promise<void> {
  if (argv[0] === '--child') {
    const result = await children[argv[1]](argv[2], argv[3]);
    process.stdout.write(JSON.stringify(result) + '\n');
    return;
  }
  const args = parseBenchArgs(argv);
  const folder = copyCorpus(args.corpus, args.copies);
  const cacheDir = mkdtempSync(path.join(os.tmpdir(), 'corpus-lens-stores-cache-'));
  try {
    // The cold build on one thread first (its stores are then thrown away), then on all cores.
    const oneThread = args.copies < 50 ? runChild('cold', folder, cacheDir, { CORPUS_LENS_PARSE_THREADS: '1' }) : undefined;
    for (const file of readdirSync(cacheDir)) rmSync(path.join(cacheDir, file), { recursive: true, force: true });
    const cold = runChild('cold', folder, cacheDir);
    const plainBuild = runChild('plainBuild', folder, cacheDir);
    const runs = Array.from({ length: args.runs }, () => ({
      tree: runChild('tree', folder, cacheDir),
      plain: runChild('plainSession', folder, cacheDir),
      cli: cliArticles(folder, cacheDir),
    }));
    const session = runChild('session', folder, cacheDir);
    const med = (pick: (r: (typeof runs)[number]) => number) => median(runs.map(pick));
    const textMB = cold.bytes / MB;
    printTable(
      `The lean engine and plain minisearch (${args.corpus} × ${args.copies} = ${session.articles ?? runs[0].tree.articles} articles, ${textMB.toFixed(1)} MB; medians of ${args.runs})`,
      [
        ['cold build until searchable: ours / plain minisearch', `${s(cold.searchableMs)} / ${s(plainBuild.searchableMs)}`],
        [
          `cold build including names on ${os.availableParallelism()} cores, throughput`,
          `${s(cold.withNamesMs)}, ${(textMB / (cold.withNamesMs / 1000)).toFixed(2)} MB/s`,
        ],
        [
          'cold build including names on one thread, throughput',
          oneThread ? `${s(oneThread.withNamesMs)}, ${(textMB / (oneThread.withNamesMs / 1000)).toFixed(2)} MB/s` : 'not run at this size',
        ],
        ['peak RSS of the cold build: ours (with names) / plain', `${mb(cold.rssMB)} / ${mb(plainBuild.rssMB)}`],
        ['fresh session to the filled tree', s(med((r) => r.tree.treeMs))],
        ['fresh session until searchable: ours / plain minisearch', `${s(session.searchableMs)} / ${s(med((r) => r.plain.searchableMs))}`],
        ['peak RSS until searchable + queries: ours / plain', `${mb(session.rssSearchMB)} / ${mb(med((r) => r.plain.rssMB))}`],
        ['query p50 / p95: ours (with snippets, phrases, filters)', `${ms(session.p50)} / ${ms(session.p95)}`],
        ['query p50 / p95: plain minisearch (bare search)', `${ms(med((r) => r.plain.p50))} / ${ms(med((r) => r.plain.p95))}`],
        ['names from their cache', s(session.namesMs)],
        ['one changed file applied (tree, index, its names), median of 5', ms(session.changeMs)],
        ['then the names of the whole corpus resolved again (0.5 s after the last change)', s(session.settleMs)],
        ['peak RSS of the whole session (search + names)', mb(session.rssMB)],
        ['live heap after a full GC: with the index / added by the names', `${mb(session.heapSearchMB)} / ${mb(session.heapNamesMB)}`],
        ['CLI `articles --json` from its cache: time, peak RSS', `${s(med((r) => r.cli.ms))}, ${mb(med((r) => r.cli.rssMB))}`],
        [
          'saved stores on disk (ours: summaries, text, index, names)',
          `${mb(dirMB(cacheDir, (f) => f !== 'plain.json'))} (index ${mb(dirMB(cacheDir, (f) => f === 'index.json'))}); plain ${mb(dirMB(cacheDir, (f) => f === 'plain.json'))}`,
        ],
      ],
    );
  } finally {
    rmSync(folder, { recursive: true, force: true });
    rmSync(cacheDir, { recursive: true, force: true });
  }
}

function dirMB(dir: string, take: (file: string) => boolean): number {
  return (
    readdirSync(dir)
      .filter(take)
      .reduce((sum, f) => sum + statSync(path.join(dir, f)).size, 0) / MB
  );
}
