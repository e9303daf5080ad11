/**
 * Sentence bounds of a paragraph. Intl.Segmenter knows abbreviations and quotes, but each segment
 * it yields copies the whole input, so a paragraph of megabytes (a capture with no line breaks)
 * would take minutes and gigabytes: past a size, a plain rule is used — a sentence ends at . ! or
 * ? (and closing quotes) before a space and a capital, a quote mark or a digit.
 */

const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });
/** Longer paragraphs are split by the plain rule. */
export const SEGMENTER_LIMIT = 20_000;
const PLAIN_END = /[.!?]+["”’)\]]*\s+(?=[\p{Lu}"“‘(\d])/gu;

export interface SentenceBounds {
  start: number;
  end: number;
}

export function sentenceBounds(text: string): SentenceBounds[] {
  if (text.length <= SEGMENTER_LIMIT) return [...segmenter.segment(text)].map((s) => ({ start: s.index, end: s.index + s.segment.length }));
  const bounds: SentenceBounds[] = [];
  let start = 0;
  for (const match of text.matchAll(PLAIN_END)) {
    const end = match.index + match[0].length;
    bounds.push({ start, end });
    start = end;
  }
  if (start < text.length) bounds.push({ start, end: text.length });
  return bounds;
}
