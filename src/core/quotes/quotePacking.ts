/**
 * Quotes as the names cache keeps them: eight numbers each (kind, paragraph, start, end, the
 * speaker's paragraph, start, end — -1 without a speaker — and 1 when the speaker is words the
 * recognizer did not tag). The words are read back from the
 * article's text, so the cache holds no copy of them.
 */
import type { FoundQuote } from './quotes';

export const QUOTE_FIELDS = 8;
const KINDS: FoundQuote['kind'][] = ['direct', 'paraphrase'];

export function packQuotes(quotes: readonly FoundQuote[]): number[] {
  return quotes.flatMap((q) => {
    const speaker = q.speaker ? [q.speaker.paragraph, q.speaker.start, q.speaker.end, q.speaker.untagged ? 1 : 0] : [-1, -1, -1, 0];
    return [KINDS.indexOf(q.kind), q.paragraph, q.start, q.end, ...speaker];
  });
}

/** `texts`: the article's paragraphs' texts, as when the quotes were found. */
export function unpackQuotes(packed: readonly number[] | undefined, texts: readonly string[]): FoundQuote[] {
  const quotes: FoundQuote[] = [];
  for (let i = 0; packed && i + QUOTE_FIELDS <= packed.length; i += QUOTE_FIELDS) {
    const [kind, paragraph, start, end, speakerParagraph, speakerStart, speakerEnd, untagged] = packed.slice(i, i + QUOTE_FIELDS);
    const text = texts[paragraph]?.slice(start, end) ?? '';
    const name = speakerParagraph < 0 ? undefined : texts[speakerParagraph]?.slice(speakerStart, speakerEnd);
    quotes.push({
      text,
      kind: KINDS[kind] ?? 'direct',
      paragraph,
      start,
      end,
      speaker: name ? { name, paragraph: speakerParagraph, start: speakerStart, end: speakerEnd, untagged: untagged === 1 } : undefined,
    });
  }
  return quotes;
}
