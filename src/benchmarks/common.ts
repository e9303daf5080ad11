/** Shared pieces of the benchmarks: arguments, corpus copies, medians and tables. */
import { CorpusEngine } from '../core/engine/engine';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArguments, wholeNumber } from '../args';

export interface BenchArgs {
  corpus: string;
  copies: number;
  runs: number;
}

export function parseBenchArgs(argv: string[]): BenchArgs {
  const { values } = parseArguments(argv, { corpus: { type: 'string' }, copies: { type: 'string' }, runs: { type: 'string' } });
  const corpus = path.resolve(values.corpus ?? '');
  if (!values.corpus || !existsSync(corpus)) throw new Error(`--corpus DIR is required and must exist (got "${values.corpus ?? ''}")`);
  return { corpus, copies: wholeNumber(values.copies, '--copies', 1), runs: wholeNumber(values.runs, '--runs', 3) };
}

/** A temporary folder holding N copies of the corpus (copy-1/, copy-2/, …), removed by `dispose`. */
export function corpusCopies(corpus: string, copies: number): { folder: string; dispose(): void } {
  if (copies === 1) return { folder: corpus, dispose: () => undefined };
  const folder = mkdtempSync(path.join(os.tmpdir(), 'corpus-lens-bench-'));
  for (let i = 1; i <= copies; i++) cpSync(corpus, path.join(folder, `copy-${i}`), { recursive: true });
  return { folder, dispose: () => rmSync(folder, { recursive: true, force: true }) };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export function peakRssMB(): number {
  return process.resourceUsage().maxRSS / 1024;
}

export function printTable(title: string, rows: [string, string][]): void {
  const width = Math.max(...rows.map(([k]) => k.length));
  console.log(`\n${title}\n| measure | value |\n|---|---|`);
  for (const [k, v] of rows) console.log(`| ${k.padEnd(width)} | ${v} |`);
}

/** An engine on a folder with its articles (no search index) and its people and organizations built. */
export async function engineWithEntities(folder: string): Promise<CorpusEngine> {
  const engine = new CorpusEngine();
  await engine.load([folder], { withoutSearch: true });
  await engine.buildEntities();
  return engine;
}

/** The median time of `runs` calls of `work`, in ms. */
export function timed(runs: number, work: () => void): number {
  return median(
    Array.from({ length: runs }, () => {
      const started = performance.now();
      work();
      return performance.now() - started;
    }),
  );
}
