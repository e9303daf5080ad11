/**
 * Quotes as the names cache keeps them: seven numbers each (kind, paragraph, start, end, and the
 * speaker's paragraph, start, end; -1 without a speaker). The words are read back from the
 * article's text, so the cache holds no copy of them.
 */
import type { FoundQuote } from './quotes';

const FIELDS = 7;
const KINDS: FoundQuote['kind'][] = ['direct', 'paraphrase'];

export function packQuotes(quotes: readonly FoundQuote[]): number[] {
  return quotes.flatMap((q) => {
    const speaker = q.speaker ? [q.speaker.paragraph, q.speaker.start, q.speaker.end] : [-1, -1, -1];
    return [KINDS.indexOf(q.kind), q.paragraph, q.start, q.end, ...speaker];
  });
}

/** `texts`: the article's paragraphs' texts, as when the quotes were found. */
export function unpackQuotes(packed: readonly number[] | undefined, texts: readonly string[]): FoundQuote[] {
  const quotes: FoundQuote[] = [];
  for (let i = 0; packed && i + FIELDS <= packed.length; i += FIELDS) {
    const [kind, paragraph, start, end, speakerParagraph, speakerStart, speakerEnd] = packed.slice(i, i + FIELDS);
    const text = texts[paragraph]?.slice(start, end) ?? '';
    const name = speakerParagraph < 0 ? undefined : texts[speakerParagraph]?.slice(speakerStart, speakerEnd);
    quotes.push({
      text,
      kind: KINDS[kind] ?? 'direct',
      paragraph,
      start,
      end,
      speaker: name ? { name, paragraph: speakerParagraph, start: speakerStart, end: speakerEnd } : undefined,
    });
  }
  return quotes;
}
