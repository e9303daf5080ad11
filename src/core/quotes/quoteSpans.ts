/**
 * Where the quoted words of a paragraph are: curly “…” pairs, and straight "…" marks told apart by
 * what surrounds them (an opening mark follows a space and precedes a word). A quote left open at
 * the end of a paragraph, or by a new opening mark (news style for a quote that runs over several
 * paragraphs, which corpora often join into one), ends there and is marked `open`.
 */

export interface QuoteSpan {
  /** Offsets of the quoted words in the paragraph (the marks excluded). */
  start: number;
  end: number;
  /** True when no closing mark ended it (it runs on into the next paragraph or quote). */
  open: boolean;
}

const CURLY_OPEN = '“';
const CURLY_CLOSE = '”';

/** Whether a straight mark at `i` opens a quote (after a space or the start, before a word) rather than closes one. */
function opensHere(text: string, i: number): boolean {
  const before = i === 0 ? ' ' : text[i - 1];
  const after = text[i + 1] ?? ' ';
  return /[\s([{—–-]/.test(before) && !/[\s,.;:!?)]/.test(after);
}

/** After a word or punctuation; or between spaces (`homes of the community. " A spokesman said`). */
function closesHere(text: string, i: number): boolean {
  const before = i === 0 ? ' ' : text[i - 1];
  return !/\s/.test(before) || /\s/.test(text[i + 1] ?? ' ');
}

export function quoteSpans(text: string): QuoteSpan[] {
  const spans: QuoteSpan[] = [];
  let openAt = -1;
  const close = (end: number, open: boolean) => {
    const trimmedEnd = text.slice(openAt, end).trimEnd().length + openAt;
    if (trimmedEnd > openAt) spans.push({ start: openAt, end: trimmedEnd, open });
    openAt = -1;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch !== '"' && ch !== CURLY_OPEN && ch !== CURLY_CLOSE) continue;
    const opening = ch === CURLY_OPEN || (ch === '"' && opensHere(text, i));
    const closing = ch === CURLY_CLOSE || (ch === '"' && !opening && closesHere(text, i));
    if (openAt >= 0 && closing) close(i, false);
    else if (opening) {
      // A new opening mark inside a quote: the first ran on from an earlier paragraph of the source.
      if (openAt >= 0) close(i, true);
      openAt = i + 1;
    }
    // A closing mark with no opening one ends a quote begun in the paragraph before: nothing to take here.
  }
  if (openAt >= 0) close(text.length, true);
  return spans;
}
