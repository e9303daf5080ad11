/** Scoring a recognizer on CoNLL documents: on the gold tokens, on the raw text rebuilt from them, and through the product's reading of a file. */
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { detokenize, type LabelledDocument } from './conll';
import { emptyTally, tally, type Tally } from './evaluate';
import { namesInFile } from './fileNames';
import type { Recognizer } from './recognizer';

export function evaluateOnTokens(recognizer: Recognizer, documents: LabelledDocument[]): Tally {
  const t = emptyTally();
  for (const document of documents) {
    const predicted = recognizer.tagSentences(document.sentences.map((s) => s.words));
    document.sentences.forEach((sentence, i) => tally(t, sentence.spans, predicted[i]));
  }
  return t;
}

/** Raw text through our tokenizer; spans compared by character offsets in that text. */
export function evaluateOnRawText(recognizer: Recognizer, documents: LabelledDocument[]): Tally {
  const t = emptyTally();
  for (const document of documents) {
    const { text, entities } = detokenize(document);
    tally(t, entities, recognizer.recognizeRaw(text).entities);
  }
  return t;
}

/**
 * The whole product path: each document written as a text file, read back by the capture reader,
 * its names found and placed in the file as `corpus-lens ner` does; spans compared by file offsets.
 */
export async function evaluateThroughPipeline(recognizer: Recognizer, documents: LabelledDocument[], folder: string): Promise<Tally> {
  const t = emptyTally();
  for (const [d, document] of documents.entries()) {
    const { text, entities } = detokenize(document);
    const file = path.join(folder, `document-${String(d).padStart(4, '0')}.txt`);
    writeFileSync(file, text);
    const result = await namesInFile(recognizer, file);
    tally(t, entities, 'names' in result ? result.names : []);
  }
  return t;
}
