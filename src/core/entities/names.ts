/**
 * How two spellings of a name are recognised as one: a key per name, built from its words folded
 * (case, accents, curly quotes), Arabic particles dropped (al-Assad = Assad), a few
 * transliteration variants unified (Sergei = Sergey) and Arabic organisation words translated
 * (Jabhat al-Nusra = al-Nusra Front).
 */

/** Lowercase words that belong inside names: "Staffan de Mistura", "Bashar al-Assad", "Bank of England". */
export const NAME_PARTICLES = new Set([
  'al',
  'el',
  'ad',
  'as',
  'ash',
  'an',
  'ar',
  'at',
  'az',
  'bin',
  'ibn',
  'bint',
  'abu',
  'de',
  'del',
  'della',
  'der',
  'den',
  'di',
  'da',
  'du',
  'dos',
  'van',
  'von',
  'la',
  'le',
  'of',
  'for',
  'the',
  'and',
  'on',
  'in',
  'y',
]);

/** Particles that a key leaves out: the Arabic article in its usual transliterations. */
const DROPPED_IN_KEYS = new Set(['al', 'el', 'ad', 'as', 'ash', 'an', 'ar', 'at', 'az', 'the']);

/** A title before a person's name that is not part of it: "Mr Blair" is a Blair. */
export const HONORIFICS = new Set(['mr', 'mrs', 'ms', 'miss', 'dr', 'sir', 'dame', 'prof']);

/**
 * Words that start a sentence, not a name, when the recognizer takes them in ("Both Chelsea",
 * "However"), and calendar words, which are never a person or an organisation on their own.
 */
export const NOT_NAMES = new Set(
  'a an the this that these those once both either neither all some any each every no but and or nor so yet however meanwhile moreover nevertheless still also if when while whilst after before since until as at by for from in into on onto over under with without within during despite although though because unless whether where why how what which who whom whose here there then now today yesterday tomorrow he she it we they i you his her its our their my your mr mrs ms monday tuesday wednesday thursday friday saturday sunday january february march april may june july august september october november december'.split(
    ' ',
  ),
);

/** Arabic words common in organisation names, mapped to their usual English translation. */
const ORG_WORD_TRANSLATIONS: Record<string, string> = {
  jabhat: 'front',
  harakat: 'movement',
  jaysh: 'army',
  jaish: 'army',
  hizb: 'party',
  liwa: 'brigade',
  dawlat: 'state',
};

/** The words of a name as written: letters and digits, split at spaces, hyphens, apostrophes and dots. */
export function nameWords(text: string): string[] {
  return text.match(/[\p{L}\p{N}]+/gu) ?? [];
}

/**
 * Pure functions the resolution calls millions of times on the same few thousand names (every file
 * change resolves the whole corpus again): their answers are kept, up to a bound.
 */
function remembered<T>(compute: (text: string) => T): (text: string) => T {
  const known = new Map<string, T>();
  return (text) => {
    let value = known.get(text);
    if (value === undefined) {
      if (known.size >= 500_000) known.clear();
      value = compute(text);
      known.set(text, value);
    }
    return value;
  };
}

/** Lowercase, no accents. */
export const fold = remembered((word) => word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase());

/** One spelling of common transliteration pairs: Sergei/Sergey, Dmitri/Dmitry/Dmitriy, Yuri/Yury. */
function transliterate(folded: string): string {
  return folded.replace(/(?:iy|y)$/, 'i').replace(/^yu/, 'iu');
}

/** Drops a possessive ending: "Assad's" → "Assad". */
export function withoutPossessive(text: string): string {
  return text.replace(/['’]s?$/u, '');
}

export type KeyKind = 'person' | 'organization';

/**
 * The key under which spellings of one name meet. Organisation keys ignore word order
 * ("Nusra Front" = "Jabhat al-Nusra"); people keep it.
 */
export function nameKey(text: string, kind: KeyKind): string {
  return kind === 'person' ? personKey(text) : computeNameKey(text, kind);
}

const personKey = remembered((text) => computeNameKey(text, 'person'));

function computeNameKey(text: string, kind: KeyKind): string {
  const bare = withoutPossessive(text);
  // "PCS" the union is not "PCs" the computers.
  if (isAcronym(bare)) return bare.replace(/[^A-Za-z0-9&+]/g, '');
  const words = nameWords(bare)
    .map(fold)
    .filter((w) => !DROPPED_IN_KEYS.has(w));
  if (kind === 'person') return words.map(transliterate).join(' ');
  return words
    .map((w) => ORG_WORD_TRANSLATIONS[w] ?? w)
    .filter((w) => !NAME_PARTICLES.has(w))
    .sort()
    .join(' ');
}

/** An acronym: 2–8 capitals (digits and & allowed after the first), possibly with dots: "ISSG", "U.S.", "P5+1". */
export function isAcronym(text: string): boolean {
  const bare = text.replace(/\./g, '');
  return /^[A-Z][A-Z0-9&+]{1,7}$/.test(bare);
}

/**
 * The acronyms a text defines as "Long Form (ACR)": the capitalised words before the bracket
 * whose initials spell ACR ("International Syria Support Group (ISSG)").
 */
export function acronymDefinitions(text: string): { long: string; short: string }[] {
  const found: { long: string; short: string }[] = [];
  for (const match of text.matchAll(/\(([A-Z][A-Za-z]{1,7})\)/g)) {
    const short = match[1];
    if (!isAcronym(short)) continue;
    const before = text.slice(Math.max(0, (match.index ?? 0) - 200), match.index).trimEnd();
    const long = longFormFor(short, before.split(/\s+/));
    if (long) found.push({ long, short });
  }
  return found;
}

/** Walks back over the words before "(ACR)" until their capitals spell the acronym. */
function longFormFor(short: string, words: string[]): string | undefined {
  const letters = short.toLowerCase();
  let matched = letters.length;
  let first = words.length;
  for (let i = words.length - 1; i >= 0 && matched > 0; i--) {
    const word = words[i].replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
    if (!word) return undefined;
    if (NAME_PARTICLES.has(word)) {
      first = i;
      continue;
    }
    if (!/^\p{Lu}/u.test(word)) return undefined;
    const parts = word.split('-').filter(Boolean).reverse();
    for (const part of parts) {
      if (matched === 0 || fold(part[0]) !== letters[matched - 1]) return undefined;
      matched--;
    }
    first = i;
  }
  if (matched > 0) return undefined;
  const long = words
    .slice(first)
    .join(' ')
    .replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
  return nameWords(long).length >= 2 ? long : undefined;
}
