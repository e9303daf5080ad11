/**
 * `npm run eval:ner -- --data FILE [--model FILE]`: entity-level exact-match P/R/F1 per type, for
 * PER+ORG+LOC and with MISC, scored on the CoNLL tokens and on raw text through our tokenizer.
 */
import { readFileSync } from 'node:fs';
import { parseArguments } from '../args';
import { readConll } from '../core/ner/conll';
import { evaluateOnRawText, evaluateOnTokens } from '../core/ner/conllEval';
import { formatScoreTable } from '../core/ner/evaluate';
import { Recognizer, defaultModelPath } from '../core/ner/recognizer';

function main(argv: string[]): void {
  const { values } = parseArguments(argv, { data: { type: 'string' }, model: { type: 'string' } });
  const data = values.data ?? '';
  const model = values.model ?? defaultModelPath();
  if (!data) throw new Error('usage: eval:ner -- --data FILE [--model FILE]');
  const documents = readConll(readFileSync(data, 'utf8'));
  const recognizer = Recognizer.fromFile(model);
  const { devF1, devF1Raw, epochs, trainedOn } = recognizer.model.meta;
  console.log(`model ${model}: trained on ${trainedOn}, ${epochs} epochs, dev F1 at training ${devF1} (raw text ${devF1Raw ?? '-'})`);
  console.log(`\n${data}: ${documents.length} documents, CoNLL tokens:\n${formatScoreTable(evaluateOnTokens(recognizer, documents))}`);
  console.log(`\nRaw text through our tokenizer:\n${formatScoreTable(evaluateOnRawText(recognizer, documents))}`);
}

try {
  main(process.argv.slice(2));
} catch (error) {
  console.error(`eval:ner: ${(error as Error).message}`);
  process.exit(2);
}
