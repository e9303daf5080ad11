/**
 * `npm run bench -- search --corpus DIR [--copies N] [--runs R]`: cold index, cache load,
 * query latency over a fixed query list, peak RSS, and ripgrep on the same files for scale.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CorpusEngine } from '../core/engine/engine';
import { words } from '../core/search/query';
import { corpusCopies, median, parseBenchArgs, peakRssMB, percentile, printTable } from './common';

/** 60 queries of every kind the query language has, worded for the BBC corpus. */
export const BENCH_QUERIES = [
  // single words
  'government',
  'election',
  'football',
  'music',
  'film',
  'market',
  'profit',
  'police',
  'minister',
  'technology',
  'mobile',
  'internet',
  'oscar',
  'champion',
  'economy',
  'shares',
  'injury',
  'album',
  'broadband',
  'tax',
  // several words
  'interest rates rise',
  'mobile phone sales',
  'oil prices',
  'chelsea manager',
  'video games',
  'box office',
  // phrases
  '"prime minister"',
  '"chief executive"',
  '"world cup"',
  '"interest rates"',
  '"tony blair"',
  '"general election"',
  '"six nations"',
  '"high definition"',
  // prefixes while typing
  'elec',
  'govern',
  'footb',
  'musi',
  'techn',
  'parliam',
  'inv',
  'champ',
  // typos (fuzzy)
  'goverment',
  'elecion',
  'footbal',
  'technolgy',
  'parliment',
  'ecomony',
  'chmapion',
  'brodband',
  // filters, OR, exclusions
  'source:unknown film',
  'labour date:2004..2005',
  'blair OR brown',
  'labour -blair',
  'music -"record label"',
  'oscar OR bafta OR grammy',
  '"chief executive" -resign',
  'sales date:2004',
  'games -football',
  'bank OR "central bank"',
];

async function timeAsync<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const value = await fn();
  return [value, performance.now() - started];
}

function ripgrepMs(query: string, folder: string): number | null {
  const terms = words(query.replace(/-\S+|\b\w+:\S+|\bOR\b/g, ' '));
  if (terms.length === 0) return null;
  const started = performance.now();
  const result = spawnSync('rg', ['--count-matches', '-i', '-e', terms.join('|'), folder], { stdio: 'ignore' });
  if (result.error) return null;
  return performance.now() - started;
}

/** A session that starts from the cache, in its own process: how long until searchable, and its RSS after the queries. */
function sessionFromCache(folder: string, cacheFile: string): { ms: number; rssMB: number } | undefined {
  const child = spawnSync(process.execPath, [process.argv[1], 'search', '--session', folder, cacheFile], { encoding: 'utf8' });
  try {
    return JSON.parse(child.stdout) as { ms: number; rssMB: number };
  } catch {
    return undefined;
  }
}

async function runSession(folder: string, cacheFile: string): Promise<void> {
  const engine = new CorpusEngine();
  const [, ms] = await timeAsync(() => engine.load([folder], { cacheDir: cacheFile }));
  for (const query of BENCH_QUERIES) await engine.search(query, 50);
  process.stdout.write(JSON.stringify({ ms, rssMB: peakRssMB() }));
}

export async function benchSearch(argv: string[]): Promise<void> {
  if (argv[0] === '--session') return runSession(argv[1], argv[2]);
  const args = parseBenchArgs(argv);
  const copies = corpusCopies(args.corpus, args.copies);
  const cacheDir = mkdtempSync(path.join(os.tmpdir(), 'corpus-lens-cache-'));
  const cacheFolder = path.join(cacheDir, 'cache');
  try {
    const [, coldMs] = await timeAsync(() => new CorpusEngine().load([copies.folder], { cacheDir: cacheFolder }));
    const cacheLoads: number[] = [];
    let engine = new CorpusEngine();
    for (let run = 0; run < args.runs; run++) {
      engine = new CorpusEngine();
      const [report, ms] = await timeAsync(() => engine.load([copies.folder], { cacheDir: cacheFolder }));
      if (report.parsed > 0) throw new Error('the cache did not cover the corpus');
      cacheLoads.push(ms);
    }
    const perQuery: number[] = [];
    for (const query of BENCH_QUERIES) {
      const times: number[] = [];
      for (let run = 0; run < 5; run++) {
        const [outcome, ms] = await timeAsync(() => engine.search(query, 50));
        if (!outcome.ok) throw new Error(`bench query "${query}": ${outcome.error}`);
        times.push(ms);
      }
      perQuery.push(median(times));
    }
    const session = sessionFromCache(copies.folder, cacheFolder);
    const rgTimes = BENCH_QUERIES.map((q) => ripgrepMs(q, copies.folder)).filter((t): t is number => t !== null);
    const p50 = percentile(perQuery, 50);
    const rgMedian = rgTimes.length ? median(rgTimes) : NaN;
    printTable(`Search (${args.corpus} × ${args.copies} = ${engine.size} articles; ${BENCH_QUERIES.length} queries)`, [
      ['cold load + index (no cache)', `${(coldMs / 1000).toFixed(2)} s`],
      ['load from cache (median)', `${(median(cacheLoads) / 1000).toFixed(2)} s`],
      ['query p50', `${p50.toFixed(2)} ms`],
      ['query p95', `${percentile(perQuery, 95).toFixed(2)} ms`],
      ['query max', `${Math.max(...perQuery).toFixed(2)} ms`],
      ['rg --count-matches median', Number.isNaN(rgMedian) ? 'rg not found' : `${rgMedian.toFixed(1)} ms`],
      ['speed-up over rg (median/median)', Number.isNaN(rgMedian) ? '-' : `${(rgMedian / p50).toFixed(0)}×`],
      ['peak RSS (cold build, then cache loads and queries)', `${peakRssMB().toFixed(0)} MB`],
      ['a session starting from the cache: load, then peak RSS', session ? `${(session.ms / 1000).toFixed(2)} s, ${session.rssMB.toFixed(0)} MB` : 'failed'],
    ]);
    const slowest = BENCH_QUERIES.map((query, i) => ({ query, ms: perQuery[i] }))
      .sort((a, b) => b.ms - a.ms)
      .slice(0, 5);
    console.log(`slowest queries: ${slowest.map((s) => `${s.query} (${s.ms.toFixed(1)} ms)`).join(', ')}`);
  } finally {
    rmSync(cacheDir, { recursive: true, force: true });
    copies.dispose();
  }
}
