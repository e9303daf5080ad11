/**
 * The words minisearch indexes for a text, found as minisearch finds them (its default tokenizer
 * splits at line breaks, spaces and punctuation, `[\n\r\p{Z}\p{P}]+`, and lower-cases each piece),
 * but by one scan over a table of the separators instead of a Unicode regular expression and a
 * string per piece: the database ingest cuts every word of the corpus this way.
 */

const SEPARATOR = /^[\n\r\p{Z}\p{P}]$/u;
/** Upper case sigma: its lower case depends on the letters around it, so such text is lower-cased word by word. */
const CAPITAL_SIGMA = 'Σ';

let separators: Uint8Array | undefined;

/** For each UTF-16 unit below the surrogates and above them: 1 when it separates words. */
function separatorTable(): Uint8Array {
  if (separators) return separators;
  separators = new Uint8Array(0x10000);
  for (let unit = 0; unit < 0x10000; unit++) if ((unit < 0xd800 || unit > 0xdfff) && SEPARATOR.test(String.fromCharCode(unit))) separators[unit] = 1;
  return separators;
}

/** Calls `visit` with each indexed word of `text`, in order. */
export function forEachIndexTerm(text: string, visit: (term: string) => void): void {
  forEachIndexTermSpan(text, (lower, start, end) => visit(lower.slice(start, end)));
}

/** Calls `visit` with the place of each indexed word of `text` in a lower-cased text, in order (no string is made for a word). */
export function forEachIndexTermSpan(text: string, visit: (lower: string, start: number, end: number) => void): void {
  if (text.includes(CAPITAL_SIGMA)) {
    for (const piece of text.split(/[\n\r\p{Z}\p{P}]+/u)) {
      const lower = piece.toLowerCase();
      if (lower) visit(lower, 0, lower.length);
    }
    return;
  }
  // Lower-casing never makes or unmakes a separator (spaces and punctuation have no case), so the whole text is lower-cased once.
  const lower = text.toLowerCase();
  const table = separatorTable();
  let start = 0;
  for (let i = 0; i < lower.length; i++) {
    const unit = lower.charCodeAt(i);
    let width = 1;
    let separates: boolean;
    const next = unit >= 0xd800 && unit <= 0xdbff ? lower.charCodeAt(i + 1) : 0;
    if (next >= 0xdc00 && next <= 0xdfff) {
      // A character past the first 65,536 (some scripts' punctuation is there).
      width = 2;
      separates = SEPARATOR.test(lower.slice(i, i + 2));
    } else separates = table[unit] === 1;
    if (separates) {
      if (i > start) visit(lower, start, i);
      start = i + width;
    }
    i += width - 1;
  }
  if (lower.length > start) visit(lower, start, lower.length);
}

/** The words minisearch indexes for a text, lower-cased, in order. */
export function indexTerms(text: string): string[] {
  const terms: string[] = [];
  forEachIndexTerm(text, (term) => terms.push(term));
  return terms;
}
