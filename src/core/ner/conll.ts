/** Reading CoNLL-2003 files (token POS chunk NER, IOB1 tags) and turning their documents back into raw text. */
import type { EntityType, TokenSpan } from './tags';

export interface LabelledSentence {
  words: string[];
  spans: TokenSpan[];
}

export interface LabelledDocument {
  sentences: LabelledSentence[];
}

/** A character span in a text. */
export interface CharSpan {
  type: EntityType;
  start: number;
  end: number;
}

/** A CoNLL file's documents as they are written (each from its -DOCSTART- line), to set some apart. */
export function conllDocumentTexts(content: string): string[] {
  return content.split(/^(?=-DOCSTART-)/m).filter((text) => text.startsWith('-DOCSTART-'));
}

export function readConll(content: string): LabelledDocument[] {
  const documents: LabelledDocument[] = [];
  let document: LabelledDocument = { sentences: [] };
  let words: string[] = [];
  let tags: string[] = [];
  const endSentence = () => {
    if (words.length) document.sentences.push({ words, spans: iob1ToSpans(tags) });
    words = [];
    tags = [];
  };
  const endDocument = () => {
    endSentence();
    if (document.sentences.length) documents.push(document);
    document = { sentences: [] };
  };
  for (const line of content.split(/\r?\n/)) {
    if (line.startsWith('-DOCSTART-')) endDocument();
    else if (line.trim() === '') endSentence();
    else {
      const columns = line.split(' ');
      words.push(columns[0]);
      tags.push(columns[columns.length - 1]);
    }
  }
  endDocument();
  return documents;
}

function iob1ToSpans(tags: string[]): TokenSpan[] {
  const spans: TokenSpan[] = [];
  let open: TokenSpan | undefined;
  tags.forEach((tag, i) => {
    const type = tag.slice(2) as EntityType;
    const continues = open && tag.startsWith('I-') && open.type === type;
    if (open && !continues) {
      spans.push(open);
      open = undefined;
    }
    if (tag === 'O') return;
    if (open) open.end = i + 1;
    else open = { type, start: i, end: i + 1 };
  });
  if (open) spans.push(open);
  return spans;
}

const NO_SPACE_BEFORE = /^(?:[.,;:!?%)\]}]|'s|'S|n't|'re|'ve|'ll|'d|'m)$/;
const NO_SPACE_AFTER = /^[([{$]$/;

/**
 * A document as raw text (one sentence a line, tokens spaced as in print) and its gold entities
 * as character spans, for scoring the recognizer on raw text.
 */
export function detokenize(document: LabelledDocument): { text: string; entities: CharSpan[] } {
  let text = '';
  const entities: CharSpan[] = [];
  for (const sentence of document.sentences) {
    if (text) text += '\n';
    const starts: number[] = [];
    const ends: number[] = [];
    let quoteOpen = false;
    sentence.words.forEach((word, i) => {
      const previous = sentence.words[i - 1];
      const isQuote = word === '"';
      const glue =
        i === 0 ||
        NO_SPACE_BEFORE.test(word) ||
        (previous !== undefined && NO_SPACE_AFTER.test(previous)) ||
        (isQuote && quoteOpen) ||
        (previous === '"' && quoteOpen);
      if (isQuote) quoteOpen = !quoteOpen;
      if (!glue) text += ' ';
      starts.push(text.length);
      text += word;
      ends.push(text.length);
    });
    for (const span of sentence.spans) entities.push({ type: span.type, start: starts[span.start], end: ends[span.end - 1] });
  }
  return { text, entities };
}
