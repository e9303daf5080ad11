/** Names in an article: the recognizer over its reading text, each name placed on its own line of the file. */
import { paragraphLine, type Article, type Paragraph } from '../types';
import type { Entity, Recognizer } from './recognizer';

export interface Mention extends Entity {
  /** 0-based line in the original file where the name is written. */
  line: number;
  /** The paragraph's index in the article; `start` and `end` are offsets in its text. */
  paragraphIndex: number;
  /** The paragraph's text, for showing the name in context. */
  paragraph: string;
}

/** Runs the recognizer on the whole reading text (document features need it all) and maps names to paragraphs. */
export function recognizeArticle(recognizer: Recognizer, article: Pick<Article, 'paragraphs'>): Mention[] {
  const width = Math.max(0, ...article.paragraphs.flatMap(lineLengths));
  const text = article.paragraphs.map((paragraph) => withLineEnds(paragraph, width)).join('\n\n');
  const starts: number[] = [];
  let offset = 0;
  for (const paragraph of article.paragraphs) {
    starts.push(offset);
    offset += paragraph.text.length + 2;
  }
  let p = 0;
  return recognizer.recognize(text).map((entity) => {
    while (p + 1 < starts.length && starts[p + 1] <= entity.start) p++;
    const paragraph = article.paragraphs[p];
    const start = entity.start - starts[p];
    return { ...entity, start, end: entity.end - starts[p], line: paragraphLine(paragraph, start), paragraphIndex: p, paragraph: paragraph.text };
  });
}

/**
 * The paragraph's text with a line break (which ends a sentence for the tokenizer) wherever the
 * file's line ended by choice, not by wrapping: a headline, a dateline, a table row, one sentence a
 * line. A line ended by choice is one the next line's first word would have fitted on, in the
 * `width` of the file's widest line. Same length as the text, so offsets stay put.
 */
export function withLineEnds(paragraph: Paragraph, width: number): string {
  const { text, breaks } = paragraph;
  if (!breaks?.length) return text;
  const lengths = lineLengths(paragraph);
  const chars = text.split('');
  breaks.forEach((at, k) => {
    const nextWord = /^\S*/.exec(text.slice(at))![0];
    if (lengths[k] + 1 + nextWord.length <= width) chars[at - 1] = '\n';
  });
  return chars.join('');
}

/** The length of each of the file's lines that make the paragraph. */
function lineLengths({ text, breaks = [] }: Paragraph): number[] {
  const bounds = [0, ...breaks, text.length + 1];
  return bounds.slice(1).map((end, k) => end - 1 - bounds[k]);
}
