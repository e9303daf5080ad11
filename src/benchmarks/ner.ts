/**
 * `npm run bench -- ner --corpus DIR [--runs R]`: the recognizer over every article's reading
 * text on one core: model load time, chars/s on the first pass (cold) and the median of later
 * passes (warm), and peak RSS.
 */
import { loadCorpus } from '../core/ingest/loader';
import { Recognizer } from '../core/ner/recognizer';
import { readingText } from '../core/types';
import { median, parseBenchArgs, peakRssMB, printTable } from './common';

export async function benchNer(argv: string[]): Promise<void> {
  const args = parseBenchArgs(argv);
  const { articles } = await loadCorpus([args.corpus]);
  const texts = articles.map(readingText);
  const chars = texts.reduce((sum, t) => sum + t.length, 0);
  const loadStarted = performance.now();
  const recognizer = Recognizer.fromFile();
  const loadMs = performance.now() - loadStarted;
  const pass = (): { ms: number; names: number } => {
    const started = performance.now();
    let names = 0;
    for (const text of texts) names += recognizer.recognize(text).length;
    return { ms: performance.now() - started, names };
  };
  const cold = pass();
  const warm = Array.from({ length: args.runs }, () => pass().ms);
  const mbPerSecond = (ms: number) => `${(chars / 1e6 / (ms / 1000)).toFixed(2)} M chars/s`;
  printTable(`Entity recognition (${args.corpus}: ${articles.length} articles, ${(chars / 1e6).toFixed(2)} M chars of reading text)`, [
    ['model load', `${loadMs.toFixed(0)} ms`],
    ['cold (first pass)', `${mbPerSecond(cold.ms)} (${(cold.ms / 1000).toFixed(2)} s)`],
    [`warm (median of ${args.runs})`, mbPerSecond(median(warm))],
    ['names found', String(cold.names)],
    ['peak RSS', `${peakRssMB().toFixed(0)} MB`],
  ]);
}
