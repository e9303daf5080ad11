/** Names in an article: the recognizer over its reading text, each name placed on its paragraph's line. */
import { readingText, type Article } from '../types';
import type { Entity, Recognizer } from './recognizer';

export interface Mention extends Entity {
  /** 0-based line in the original file of the paragraph holding the name. */
  line: number;
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
    return { ...entity, start: entity.start - starts[p], end: entity.end - starts[p], line: paragraph.line, paragraph: paragraph.text };
  });
}
