/** Names in an article: the recognizer over its reading text, each name placed on its own line of the file. */
import { paragraphLine, readingText, type Article } from '../types';
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
  const text = readingText(article);
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
