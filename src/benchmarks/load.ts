/** `npm run bench -- load --corpus DIR [--copies N] [--runs R]`: list + read + parse a whole corpus. */
import { loadCorpus } from '../core/ingest/loader';
import { corpusCopies, median, parseBenchArgs, peakRssMB, printTable } from './common';

export async function benchLoad(argv: string[]): Promise<void> {
  const args = parseBenchArgs(argv);
  const copies = corpusCopies(args.corpus, args.copies);
  try {
    const times: number[] = [];
    let articles = 0;
    let bytes = 0;
    for (let run = 0; run < args.runs; run++) {
      const started = performance.now();
      const result = await loadCorpus([copies.folder]);
      times.push(performance.now() - started);
      articles = result.articles.length;
      bytes = result.articles.reduce((sum, a) => sum + a.size, 0);
    }
    const ms = median(times);
    printTable(`Corpus load (${args.corpus} × ${args.copies}, median of ${args.runs})`, [
      ['articles', String(articles)],
      ['load time', `${ms.toFixed(0)} ms`],
      ['throughput', `${(bytes / 1024 / 1024 / (ms / 1000)).toFixed(2)} MB/s, ${(articles / (ms / 1000)).toFixed(0)} articles/s`],
      ['peak RSS', `${peakRssMB().toFixed(0)} MB`],
    ]);
  } finally {
    copies.dispose();
  }
}
