/**
 * `npm run eval:ner -- --data FILE [--model FILE] [--pipeline]`: entity-level exact-match P/R/F1 per
 * type, for PER+ORG+LOC and with MISC, scored on the CoNLL tokens, on raw text through our tokenizer,
 * and with --pipeline through the product's whole path (each document a file, read as `corpus-lens ner` reads it).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArguments } from '../args';
import { readConll } from '../core/ner/conll';
import { evaluateOnRawText, evaluateOnTokens, evaluateThroughPipeline } from '../core/ner/conllEval';
import { formatScoreTable } from '../core/ner/evaluate';
import { Recognizer, defaultModelPath } from '../core/ner/recognizer';

async function main(argv: string[]): Promise<void> {
  const { values } = parseArguments(argv, { data: { type: 'string' }, model: { type: 'string' }, pipeline: { type: 'boolean' } });
  const data = values.data ?? '';
  const model = values.model ?? defaultModelPath();
  if (!data) throw new Error('usage: eval:ner -- --data FILE [--model FILE] [--pipeline]');
  const documents = readConll(readFileSync(data, 'utf8'));
  const recognizer = Recognizer.fromFile(model);
  const { devF1, devF1Raw, epochs, trainedOn } = recognizer.model.meta;
  console.log(`model ${model}: trained on ${trainedOn}, ${epochs} epochs, dev F1 at training ${devF1} (raw text ${devF1Raw ?? '-'})`);
  console.log(`\n${data}: ${documents.length} documents, CoNLL tokens:\n${formatScoreTable(evaluateOnTokens(recognizer, documents))}`);
  console.log(`\nRaw text through our tokenizer:\n${formatScoreTable(evaluateOnRawText(recognizer, documents))}`);
  if (!values.pipeline) return;
  const folder = mkdtempSync(path.join(os.tmpdir(), 'corpus-lens-ner-'));
  try {
    console.log(
      `\nThe product's path (each document a text file, as corpus-lens ner reads it):\n${formatScoreTable(await evaluateThroughPipeline(recognizer, documents, folder))}`,
    );
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(`eval:ner: ${(error as Error).message}`);
  process.exit(2);
});
