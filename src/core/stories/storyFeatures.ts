/**
 * What story clustering keeps of an article: a hash of its whole reading text (exact copies) and
 * its most frequent content words, hashed (what two reports of one event share). Small enough to
 * keep for every article in the names cache.
 */

export interface StoryFeatures {
  /** FNV-1a of the reading text, hex. */
  text: string;
  /** The most frequent content words and names: their hashes (4 bytes each) then their counts (1 byte each, at most 255), base64. */
  terms: string;
}

const TERMS_KEPT = 120;

/** Words too common in news to tell one story from another. */
const STOPWORDS = new Set(
  (
    'the and for that with was were are has have had not but from this they their there been will would could should said says say ' +
    'also which who whom whose what when where while into about after before over than then them its his her she him our out more ' +
    'most some such only other any all can may might one two three new year years last first just like being did does doing very ' +
    'many much own same both each few those these because between during through under again further once here why how off yet ' +
    'told added according time people made make way well back now even still since around mr mrs ms per cent'
  ).split(' '),
);

export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** Content words of a text, lower-cased, possessives and plurals' final s folded away. */
export function contentWords(text: string): string[] {
  const words: string[] = [];
  for (const match of text.toLowerCase().matchAll(/[\p{L}][\p{L}\p{N}-]*/gu)) {
    let word = match[0].replace(/['’]s$/, '');
    if (word.length > 4 && word.endsWith('s') && !word.endsWith('ss')) word = word.slice(0, -1);
    if (word.length >= 3 && !STOPWORDS.has(word)) words.push(word);
  }
  return words;
}

/** How many times a name the recognizer found counts, against a word: names tell events apart best. */
const NAME_WEIGHT = 3;

/** `names`: the names the recognizer found (people, organizations, places, events), as written. */
export function storyFeatures(paragraphs: readonly string[], names: readonly string[] = []): StoryFeatures {
  const counts = new Map<number, number>();
  const add = (key: string, times: number) => {
    const hash = fnv1a(key);
    counts.set(hash, (counts.get(hash) ?? 0) + times);
  };
  for (const text of paragraphs) for (const word of contentWords(text)) add(word, 1);
  for (const name of names) add(`name:${nameKey(name)}`, NAME_WEIGHT);
  const top = [...counts].sort((a, b) => b[1] - a[1]).slice(0, TERMS_KEPT);
  return { text: textHash(paragraphs), terms: encodeTerms(top) };
}

/** What tells two reading texts apart: the hash of the paragraphs joined. */
export function textHash(paragraphs: readonly string[]): string {
  return fnv1a(paragraphs.join('\n\n')).toString(16);
}

function encodeTerms(terms: [number, number][]): string {
  const bytes = Buffer.alloc(terms.length * 5);
  terms.forEach(([hash, count], i) => {
    bytes.writeUInt32LE(hash, i * 4);
    bytes.writeUInt8(Math.min(count, 255), terms.length * 4 + i);
  });
  return bytes.toString('base64');
}

/** The word hashes and counts of an article's features. */
export function decodeTerms(features: StoryFeatures): [hash: number, count: number][] {
  const bytes = Buffer.from(features.terms, 'base64');
  const n = Math.floor(bytes.length / 5);
  return Array.from({ length: n }, (_, i) => [bytes.readUInt32LE(i * 4), bytes.readUInt8(n * 4 + i)]);
}

/** A name's last word, folded: "Sergei Lavrov", "Sergey Lavrov" and "Lavrov" are one. */
function nameKey(name: string): string {
  const words = name
    .toLowerCase()
    .replace(/['’]s$/, '')
    .split(/\s+/);
  return words.at(-1) ?? '';
}
