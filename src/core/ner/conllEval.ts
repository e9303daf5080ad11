/** Scoring a recognizer on CoNLL documents twice: on the gold tokens, and on the raw text rebuilt from them. */
import { detokenize, type LabelledDocument } from './conll';
import { emptyTally, tally, type Tally } from './evaluate';
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
