/**
 * `npm run bench -- entities --corpus DIR [--copies N] [--runs R]`: building people and
 * organisations end to end (recognition, resolution, finding every alias), loading them from the
 * cache, hover latency on a warm index (name under the cursor + its card), and peak RSS.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CorpusEngine } from '../core/engine/engine';
import { hoverAt } from '../core/entities/entityQueries';
import { corpusCopies, median, parseBenchArgs, peakRssMB, percentile, printTable } from './common';

const HOVERS = 2000;

export async function benchEntities(argv: string[]): Promise<void> {
  const args = parseBenchArgs(argv);
  const copies = corpusCopies(args.corpus, args.copies);
  const cacheDir = mkdtempSync(path.join(os.tmpdir(), 'corpus-lens-bench-entities-'));
  try {
    const engine = new CorpusEngine();
    await engine.load([copies.folder]);
    const cacheFile = path.join(cacheDir, 'entities.json');
    const cold = await engine.buildEntities({ cacheFile });
    const warm: number[] = [];
    for (let run = 0; run < args.runs; run++) warm.push((await engine.buildEntities({ cacheFile })).ms);
    const { p50, p95, max } = hoverLatency(engine);
    const list = engine.entities.index.list();
    printTable(`Entities (${copies.folder}: ${engine.size} articles, ${args.copies} cop${args.copies === 1 ? 'y' : 'ies'})`, [
      ['build end to end, cold (recognize + resolve + find)', `${(cold.ms / 1000).toFixed(2)} s`],
      [`load from the cache (median of ${args.runs})`, `${(median(warm) / 1000).toFixed(2)} s`],
      [
        'entities (people / organizations)',
        `${list.length} (${list.filter((e) => e.type === 'person').length} / ${list.filter((e) => e.type === 'organization').length})`,
      ],
      ['mentions', String(list.reduce((n, e) => n + e.mentionCount, 0))],
      [`hover p50 / p95 / max (${HOVERS} hovers on names)`, `${p50.toFixed(2)} / ${p95.toFixed(2)} / ${max.toFixed(2)} ms`],
      ['peak RSS', `${peakRssMB().toFixed(0)} MB`],
    ]);
  } finally {
    rmSync(cacheDir, { recursive: true, force: true });
    copies.dispose();
  }
}

/** Hovers on the first word of names taken across the corpus, as a reader would: line text + offset → card. */
function hoverLatency(engine: CorpusEngine): { p50: number; p95: number; max: number } {
  const index = engine.entities.index;
  const sources = { summary: (p: string) => engine.summary(p), article: (p: string) => engine.get(p) };
  const targets: { text: string; offset: number }[] = [];
  const articles = engine.articles();
  for (let i = 0; targets.length < HOVERS && i < articles.length * 4; i++) {
    const paragraphs = engine.paragraphs(articles[(i * 7919) % articles.length].path, 1000);
    const paragraph = paragraphs[i % Math.max(1, paragraphs.length)];
    const mention = paragraph && /\b[A-Z][a-z]+ [A-Z][a-z]+\b/.exec(paragraph.text);
    if (mention) targets.push({ text: paragraph.text, offset: mention.index + 1 });
  }
  const times = targets.map(({ text, offset }) => {
    const started = performance.now();
    hoverAt(index, sources, text, offset, { limit: 8, related: 5 });
    return performance.now() - started;
  });
  return { p50: percentile(times, 50), p95: percentile(times, 95), max: Math.max(...times) };
}
