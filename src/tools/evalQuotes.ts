/**
 * `npm run eval:quotes [-- --gold FILE] [--verbose]`: precision and recall of (quote, speaker) pairs on
 * the judged list (test/fixtures/quotesGold.json: the seeds and 30 BBC articles), each article read
 * and recognized on the product's own path.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseArguments } from '../args';
import { evaluateQuoteGold, type QuoteGold } from '../core/quotes/quoteEval';
import { Recognizer } from '../core/ner/recognizer';

/** Where a gold file's article is: seeds/ in the repository, anything else under ../shared/corpora. */
export function goldArticlePath(file: string, root: string): string {
  return file.startsWith('seeds/') ? path.join(root, file) : path.join(root, '..', 'shared', 'corpora', file);
}

async function main(argv: string[]): Promise<void> {
  const { values } = parseArguments(argv, { gold: { type: 'string' }, verbose: { type: 'boolean' } });
  const root = process.cwd();
  const gold = JSON.parse(readFileSync(values.gold ?? path.join(root, 'test/fixtures/quotesGold.json'), 'utf8')) as QuoteGold;
  const score = await evaluateQuoteGold(gold, (file) => goldArticlePath(file, root), Recognizer.fromFile());
  if (values.verbose) for (const error of score.errors) console.log(error);
  console.log(`| articles | gold pairs | found pairs | correct | precision | recall |\n|---|---|---|---|---|---|`);
  console.log(
    `| ${gold.articles.length} | ${score.gold} | ${score.found} | ${score.correct} | ${(score.precision * 100).toFixed(1)}% | ${(score.recall * 100).toFixed(1)}% |`,
  );
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(`eval:quotes: ${(error as Error).message}`);
  process.exit(2);
});
