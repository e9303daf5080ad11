/**
 * Raw text → sentences → tokens with exact character offsets. Token boundaries follow the
 * CoNLL-2003 conventions the tagger was trained on: "U.S." and "al-Assad" are one token, a
 * possessive "'s" is its own token, quotes and dashes stand alone.
 */

export interface Token {
  text: string;
  /** Offsets into the text: text.slice(start, end) === token.text. */
  start: number;
  end: number;
}

export type Sentence = Token[];

const TITLES = 'Mr|Mrs|Ms|Dr|Prof|Gen|Lt|Col|Maj|Capt|Sgt|Sen|Rep|Gov|St|Mt|Jr|Sr|Inc|Ltd|Co|Corp|Bros|No|vs|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec';
const L = '\\p{L}\\p{M}';
const TOKEN = new RegExp(
  [
    'https?://[^\\s<>"]+[^\\s<>".,;:!?)\\]]', // a URL
    `[\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)+`, // an e-mail address
    `(?:[${L}]\\.){2,}`, // U.S., U.N., e.g.
    `(?:${TITLES})\\.(?=\\s)`, // Mr., Gen., Inc.
    `[A-Z]\\.(?=\\s+[A-Z])`, // an initial: J. Kerry
    '\\d+(?:[.,:/-]\\d+)*(?:%|st|nd|rd|th|s)?', // 1,200 3.5 1996-08-22 10:47 5% 1990s
    `[${L}\\d]+(?:[-'’](?![sS]\\b)(?:(?:[${L}]\\.){2,}|[${L}\\d]+))*`, // al-Assad, O'Brien, Russia-U.S.; not a possessive
    `['’][sS]\\b`, // the possessive 's
    '\\.{3}|…|--|[–—]|[^\\s]', // ellipsis, dashes, any other single character
  ].join('|'),
  'gu',
);

const SENTENCE_END = /^[.!?…]$|^\.{3}$/;
const CLOSERS = /^["'”’)\]]$/;

/** Splits a text into sentences of tokens. Every line break ends a sentence (headlines, paragraphs). */
export function tokenize(text: string): Sentence[] {
  const sentences: Sentence[] = [];
  let lineStart = 0;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    splitLine(text, lineStart, lineEnd, sentences);
    lineStart = lineEnd + 1;
  }
  return sentences;
}

/** The tokens of one line, without sentence splitting. */
export function tokenizeLine(text: string, start = 0, end = text.length): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = start;
  // No token pattern matches a line break, so scanning the whole text and stopping at `end` is exact.
  for (let m = TOKEN.exec(text); m && m.index < end; m = TOKEN.exec(text)) {
    tokens.push({ text: m[0], start: m.index, end: m.index + m[0].length });
  }
  return tokens;
}

function splitLine(text: string, start: number, end: number, out: Sentence[]): void {
  const tokens = tokenizeLine(text, start, end);
  let current: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    current.push(tokens[i]);
    if (!SENTENCE_END.test(tokens[i].text)) continue;
    while (i + 1 < tokens.length && CLOSERS.test(tokens[i + 1].text)) current.push(tokens[++i]);
    const next = tokens[i + 1];
    if (next && !/^[\p{Lu}\d"“‘'(]/u.test(next.text)) continue;
    out.push(current);
    current = [];
  }
  if (current.length) out.push(current);
}
