/**
 * Features of each token, from the tokens alone (the product sees raw text): the word and its
 * neighbours, shapes, affixes, flags, gazetteer positions, and document-level hints. Each feature
 * is a hashed string, so the model is a flat weight table with no feature dictionary.
 */
import type { Gazetteer } from './gazetteer';
import { ENTITY_TYPES, type EntityType } from './tags';
import type { WordClusters } from './wordClusters';
import { PARTICLES } from './ruleWords';

/** Feature slots per token: every slot always holds one feature (absence is a feature too). */
export const FEATURES_PER_TOKEN = 49;
/** Slots per token that depend on what pass one found in the document (pass two changes only these). */
export const LABEL_SLOTS = 2;

/** What the model knows of words beyond their letters: names seen in training, and names from data packages. */
export interface Lexicon {
  gazetteer: Gazetteer;
  external: Gazetteer;
  /** Word classes learned from unlabelled news. */
  clusters?: WordClusters;
}

/** FNV-1a over a template number and a string, for hashing without building the feature string. */
function hash(template: number, value: string, seed = 0x811c9dc5): number {
  let h = Math.imul(seed ^ template, 0x01000193);
  for (let i = 0; i < value.length; i++) h = Math.imul(h ^ value.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

const hash2 = (template: number, a: string, b: string): number => hash(template, b, hash(template, a) ^ 0x7f);

/** The class of one character: X upper, x lower, d digit, else itself (ASCII fast, Unicode right). */
function charClass(ch: string): string {
  const code = ch.charCodeAt(0);
  if (code >= 65 && code <= 90) return 'X';
  if (code >= 97 && code <= 122) return 'x';
  if (code >= 48 && code <= 57) return 'd';
  if (code < 128) return ch;
  return /\p{Lu}/u.test(ch) ? 'X' : /\p{L}/u.test(ch) ? 'x' : /\p{Nd}/u.test(ch) ? 'd' : ch;
}

/**
 * Shapes with runs of a class collapsed to `maxRun`: short (1) "Xxxxx" → "Xx", "U.S." → "X.X.";
 * long (4) keeps some length: "Lavrov" → "Xxxxx", "UN" → "XX".
 */
function shape(word: string, maxRun: number, maxChars: number): string {
  let out = '';
  let last = '';
  let run = 0;
  for (let i = 0; i < word.length && i < maxChars; i++) {
    const cls = charClass(word[i]);
    run = cls === last ? run + 1 : 1;
    last = cls;
    if (run <= maxRun) out += cls;
  }
  return out;
}

export const shortShape = (word: string): string => shape(word, 1, 40);
const longShape = (word: string): string => shape(word, 4, 12);

/** A capital first (ASCII at a glance, other scripts by the Unicode class). */
function isCapitalised(word: string): boolean {
  const code = word.charCodeAt(0);
  return code < 128 ? code >= 65 && code <= 90 : /^\p{Lu}/u.test(word);
}
/** ASCII letters at a glance; other scripts by the Unicode class. */
const hasLetters = (word: string): boolean => /[A-Za-z]/.test(word) || /\p{L}/u.test(word);
const STOP_IN_NAMES = new Set(['of', 'for', 'the', 'and', 'on', 'in', 'de', 'du', 'des', 'la', 'le', '&']);

/** What the document says about its words, computed once per document. */
export interface DocumentContext {
  /** Lowercase words that occur written in lowercase somewhere in the document. */
  seenLowercase: Set<string>;
  /** Lowercase words that occur capitalised inside a sentence (not first, not in a headline). */
  seenCapitalisedInside: Set<string>;
  /** Acronyms defined in the document as "Long Name (ACR)". */
  acronyms: Set<string>;
  /** Pass two: how often the first pass gave each (lowercased) word each entity type in the document. */
  labelledAs?: Map<string, Uint16Array>;
}

/** A sentence is a headline when every word of 4+ letters is capitalised (and it has at least two). */
export function isHeadline(words: string[]): boolean {
  let long = 0;
  for (const word of words) {
    if (word.length < 4 || !hasLetters(word)) continue;
    long++;
    if (!isCapitalised(word)) return false;
  }
  return long >= 2;
}

export function documentContext(sentences: string[][]): DocumentContext {
  const context: DocumentContext = { seenLowercase: new Set(), seenCapitalisedInside: new Set(), acronyms: new Set() };
  for (const words of sentences) {
    const headline = isHeadline(words);
    words.forEach((word, i) => {
      const lower = word.toLowerCase();
      if (word === lower && hasLetters(word)) context.seenLowercase.add(lower);
      else if (i > 0 && !headline && isCapitalised(word) && word !== word.toUpperCase()) context.seenCapitalisedInside.add(lower);
    });
    for (const acronym of definedAcronyms(words)) context.acronyms.add(acronym);
  }
  return context;
}

/** "International Syria Support Group ( ISSG )": the acronym whose letters are the long name's initials. */
function definedAcronyms(words: string[]): string[] {
  const found: string[] = [];
  for (let i = 2; i + 1 < words.length; i++) {
    if (words[i - 1] !== '(' || words[i + 1] !== ')' || !/^\p{Lu}{2,}$/u.test(words[i])) continue;
    const initials: string[] = [];
    for (let j = i - 2; j >= 0 && initials.length < words[i].length; j--) {
      if (STOP_IN_NAMES.has(words[j].toLowerCase())) continue;
      if (!isCapitalised(words[j])) break;
      initials.unshift(words[j][0]);
    }
    if (initials.join('') === words[i]) found.push(words[i]);
  }
  return found;
}

/**
 * The features of a word that do not depend on where it stands, in five groups by the position
 * they describe: the token itself, or the token as seen from 1 or 2 places after or before it.
 * They are hashed once per distinct word, and the recognizer caches their scores per word.
 */
/** Groups: the token itself, then as the previous, next, second previous and second next word. */
export const WORD_GROUPS = 5;
/** Per token: 15 of its own, 4 from each next neighbour and 3 from each second one, 20 that depend on position, document and gazetteers. */
export const POSITIONAL_PER_TOKEN = 20;
/** How many of the word's classes (coarse first) each group sees: all of them as itself and as a next neighbour, the coarse one from two places away. */
const CLASSES_PER_GROUP = [2, 2, 2, 1, 1];

export interface WordInfo {
  lower: string;
  shape: string;
  /** Bits: capitalised, all capitals, has a digit, has a hyphen. */
  flags: number;
  /** No capital letter, no digit and no name particle ("said", "the", ","; not "van", "der"): such a word between two more is outside every name. */
  plain: boolean;
  /** Unmasked hashes per group (see WORD_GROUPS). */
  groups: number[][];
  /** The group scores under one model, kept on the word for speed (a property read, not a map lookup). */
  scores?: { model: object; values: Int16Array; inSentence?: Int16Array };
}

/** One cache of word features per set of word classes (the model's). */
const wordCaches = new WeakMap<object, Map<string, WordInfo>>();
const WITHOUT_CLUSTERS = {};
const WORD_CACHE_LIMIT = 200_000;

/** A word's coarse and fine class, as strings: "-" for a word the clusters do not know. */
function classNames(word: string, clusters: WordClusters | undefined): string[] {
  const classes = clusters?.classes.get(word);
  return [0, 1].map((s) => (classes?.[s] === undefined ? '-' : String(classes[s])));
}

function makeWordInfo(lower: string, short: string, own: number[], flags: number, classes: string[], plain: boolean): WordInfo {
  const groups: number[][] = [];
  for (let g = 0; g < WORD_GROUPS; g++) {
    const group = g === 0 ? [hash(0, ''), hash(1, lower), hash(6, short), ...own] : [hash(1 + g, lower), hash(6 + g, short)];
    for (let s = 0; s < CLASSES_PER_GROUP[g]; s++) group.push(hash(40 + 2 * g + s, classes[s]));
    groups.push(group);
  }
  return { lower, shape: short, flags, plain, groups, scores: undefined };
}

/** The word features under one set of word classes, from their cache (look the cache up once per document, not per word). */
export function wordInfoFor(clusters?: WordClusters): (word: string) => WordInfo {
  const key = clusters ?? WITHOUT_CLUSTERS;
  let cache = wordCaches.get(key);
  if (!cache) wordCaches.set(key, (cache = new Map()));
  const words = cache;
  return (word) => cachedWordInfo(words, word, clusters);
}

function cachedWordInfo(cache: Map<string, WordInfo>, word: string, clusters: WordClusters | undefined): WordInfo {
  const cached = cache.get(word);
  if (cached) return cached;
  if (cache.size >= WORD_CACHE_LIMIT) cache.clear();
  const lower = word.toLowerCase();
  const own = [hash(11, longShape(word))];
  for (let k = 1; k <= 4; k++) own.push(hash(11 + k, lower.slice(0, k)), hash(15 + k, lower.slice(-k)));
  own.push(hash(30, word));
  const flags =
    Number(isCapitalised(word)) |
    (Number(word === word.toUpperCase() && hasLetters(word)) << 1) |
    (Number(/\d/.test(word)) << 2) |
    (Number(word.includes('-')) << 3);
  const info = makeWordInfo(lower, shortShape(word), own, flags, classNames(word, clusters), !/[\p{Lu}\d]/u.test(word) && !PARTICLES.has(lower));
  cache.set(word, info);
  return info;
}

/** What stands before the first and after the last token. */
export const BEFORE_SENTENCE = makeWordInfo('<s>', '<s>', [], 0, ['<s>', '<s>'], true);
export const AFTER_SENTENCE = makeWordInfo('</s>', '</s>', [], 0, ['</s>', '</s>'], true);
const FLAG_HASHES = Array.from({ length: 32 }, (_, bits) => hash(20, String(bits)));
const GAZ_HASHES = ENTITY_TYPES.map((_, t) => Array.from({ length: 5 }, (_, v) => hash(26 + t, String(v))));
const EXTERNAL_HASHES = ENTITY_TYPES.map((_, t) => Array.from({ length: 5 }, (_, v) => hash(50 + t, String(v))));
const ACRONYM_HASHES = [hash(33, '-'), hash(33, 'acronym')];

/** The info of the word at i, or the sentence boundary. */
export function neighbour(infos: WordInfo[], i: number): WordInfo {
  return i < 0 ? BEFORE_SENTENCE : i >= infos.length ? AFTER_SENTENCE : infos[i];
}

/** The first slots of each token's positional features: the word's flags and shape, where it stands and how the document writes it. */
export const WORD_ONLY_SLOTS = 5;

/** The WORD_ONLY_SLOTS buckets of a word: for a word inside a sentence that is no headline, they depend on the word and seenLowercase alone. */
export function wordOnlyBuckets(
  info: WordInfo,
  first: boolean,
  headline: boolean,
  seenLowercase: boolean,
  seenCapitalisedInside: boolean,
  mask: number,
): number[] {
  return [
    FLAG_HASHES[info.flags | (Number(first) << 4)] & mask,
    hash(first ? 21 : 121, info.shape) & mask,
    hash(headline ? 22 : 122, info.shape) & mask,
    hash(seenLowercase ? 131 : 31, info.shape) & mask,
    hash(seenCapitalisedInside ? 132 : 32, info.shape) & mask,
  ];
}

/**
 * Features that depend on the position, the neighbours together, the gazetteers or the document:
 * POSITIONAL_PER_TOKEN per token, the last LEXICON_SLOTS of them about names known from the
 * gazetteers and the document. `unknownOut[i]` is set to 1 when all of those take the value of a
 * word nothing is known of (see lexiconUnknownBuckets), so that a caller can add them at once.
 * With `inSentenceOut`, a token inside a sentence that is no headline gets 1 (2 when the document
 * also writes the word in lower case) and its WORD_ONLY_SLOTS are left 0 for the caller to add;
 * tokens marked in `skip` get no features at all (0s).
 */
export function positionalFeatures(
  words: string[],
  infos: WordInfo[],
  context: DocumentContext,
  lexicon: Lexicon,
  mask: number,
  unknownOut?: Uint8Array,
  inSentenceOut?: Uint8Array,
  skip?: Uint8Array,
): Int32Array {
  const n = words.length;
  const headline = isHeadline(words);
  const lowers = infos.map((info) => info.lower);
  const gaz = lexicon.gazetteer.match(words, lowers);
  const external = lexicon.external.match(words, lowers);
  const labels = labelFeatures(infos, context, mask);
  const out = new Int32Array(n * POSITIONAL_PER_TOKEN);
  const types = ENTITY_TYPES.length;
  let k = 0;
  for (let i = 0; i < n; i++) {
    if (skip?.[i]) {
      k += POSITIONAL_PER_TOKEN;
      continue;
    }
    const info = infos[i];
    const previous = neighbour(infos, i - 1);
    const next = neighbour(infos, i + 1);
    const capital = (info.flags & 1) === 1;
    const seenLowercase = capital && context.seenLowercase.has(info.lower);
    if (inSentenceOut && i > 0 && !headline) {
      // The word-only slots take their in-sentence values: the caller adds them from its per-word cache.
      inSentenceOut[i] = 1 + Number(seenLowercase);
      k += WORD_ONLY_SLOTS;
    } else {
      const seenCapitalisedInside = capital && (i === 0 || headline) && context.seenCapitalisedInside.has(info.lower);
      for (const bucket of wordOnlyBuckets(info, i === 0, headline, seenLowercase, seenCapitalisedInside, mask)) out[k++] = bucket;
    }
    out[k++] = hash2(23, previous.lower, info.lower) & mask;
    out[k++] = hash2(24, info.lower, next.lower) & mask;
    out[k++] = hash(25, next.shape, hash(25, info.shape, hash(25, previous.shape))) & mask;
    // The LEXICON_SLOTS last: for most words they take their "nothing known" values.
    for (let t = 0; t < types; t++) out[k++] = GAZ_HASHES[t][gaz[i * types + t]] & mask;
    for (let t = 0; t < types; t++) out[k++] = EXTERNAL_HASHES[t][external[i * types + t]] & mask;
    const acronym = context.acronyms.has(words[i]);
    out[k++] = ACRONYM_HASHES[Number(acronym)] & mask;
    out[k++] = labels[2 * i];
    out[k++] = labels[2 * i + 1];
    const gazHere = gazCode(gaz, i);
    const gazBefore = i > 0 ? gazCode(gaz, i - 1) : -1;
    out[k++] = hash(35, String(gazBefore), gazHere) & mask;
    if (unknownOut) unknownOut[i] = Number(gazHere === 0 && gazBefore <= 0 && gazCode(external, i) === 0 && !acronym && !context.labelledAs?.has(info.lower));
  }
  return out;
}

/** The last slots of each token's positional features: gazetteers (training and external), acronym, pass-one labels, gazetteer pair. */
export const LEXICON_SLOTS = 2 * ENTITY_TYPES.length + 1 + LABEL_SLOTS + 1;

/** The LEXICON_SLOTS buckets of a word nothing is known of, capitalised or not, first in its sentence or not. */
export function lexiconUnknownBuckets(capital: boolean, first: boolean, mask: number): Int32Array {
  const labels = [NEVER_LABELLED[0], NEVER_LABELLED[1 + Number(capital)]];
  return Int32Array.from(
    [...GAZ_HASHES.map((h) => h[0]), ...EXTERNAL_HASHES.map((h) => h[0]), ACRONYM_HASHES[0], ...labels, hash(35, String(first ? -1 : 0), 0)],
    (h) => h & mask,
  );
}

/** Where each word group of token i comes from: the token itself, or a neighbour. */
export const GROUP_OFFSETS = [0, -1, 1, -2, 2];

/** All features of every token (word groups and positional), FEATURES_PER_TOKEN per token: what training uses. */
export function sentenceFeatures(words: string[], context: DocumentContext, lexicon: Lexicon, mask: number): Int32Array {
  const info = wordInfoFor(lexicon.clusters);
  const infos = words.map((word) => info(word));
  const positional = positionalFeatures(words, infos, context, lexicon, mask);
  const out = new Int32Array(words.length * FEATURES_PER_TOKEN);
  let k = 0;
  for (let i = 0; i < words.length; i++) {
    for (let g = 0; g < WORD_GROUPS; g++) for (const h of neighbour(infos, i + GROUP_OFFSETS[g]).groups[g]) out[k++] = h & mask;
    for (let p = 0; p < POSITIONAL_PER_TOKEN; p++) out[k++] = positional[i * POSITIONAL_PER_TOKEN + p];
  }
  return out;
}

/** The LABEL_SLOTS features of each token: the types pass one gave the word in the document, and the most frequent one. */
export function labelFeatures(infos: WordInfo[], context: DocumentContext, mask: number): Int32Array {
  const out = new Int32Array(infos.length * LABEL_SLOTS);
  infos.forEach((info, i) => {
    const capital = info.flags & 1;
    if (!context.labelledAs?.has(info.lower)) {
      out[2 * i] = NEVER_LABELLED[0] & mask;
      out[2 * i + 1] = NEVER_LABELLED[1 + capital] & mask;
      return;
    }
    out[2 * i] = hash(34, labelBits(context, info.lower)) & mask;
    out[2 * i + 1] = hash(capital ? 36 : 136, majorityLabel(context, info.lower)) & mask;
  });
  return out;
}

/** The label features of a word pass one never put in a name: its type bits, and its majority type in lower case and capitalised. */
const NEVER_LABELLED = [hash(34, '0'), hash(136, 'none'), hash(36, 'none')];

/**
 * The set of types the first pass gave the word in this document, as a bit string. Pass one knows
 * nothing yet, which reads as "never labelled": a sentence whose words pass one never labelled
 * scores the same in both passes, so pass two need not decode it again.
 */
function labelBits(context: DocumentContext, lower: string): string {
  const counts = context.labelledAs?.get(lower);
  let bits = 0;
  counts?.forEach((n, t) => (bits |= n > 0 ? 1 << t : 0));
  return String(bits);
}

/** The type the first pass gave the word most often in this document ("Newmont" of "Newmont Mining Corp" is ORG). */
function majorityLabel(context: DocumentContext, lower: string): string {
  const counts = context.labelledAs?.get(lower);
  if (!counts) return 'none';
  let best = 0;
  for (let t = 1; t < counts.length; t++) if (counts[t] > counts[best]) best = t;
  return ENTITY_TYPES[best];
}

/** Pass two's document facts: for each word, how often the first pass put it in a name of each type. */
export function labelledWords(sentences: string[][], spans: { type: EntityType; start: number; end: number }[][]): Map<string, Uint16Array> {
  const labelled = new Map<string, Uint16Array>();
  sentences.forEach((words, s) => {
    for (const span of spans[s] ?? []) {
      for (let i = span.start; i < span.end; i++) {
        const lower = words[i].toLowerCase();
        let counts = labelled.get(lower);
        if (!counts) labelled.set(lower, (counts = new Uint16Array(ENTITY_TYPES.length)));
        counts[ENTITY_TYPES.indexOf(span.type)]++;
      }
    }
  });
  return labelled;
}

/** The gazetteer positions of token i for all types, as one number. */
function gazCode(gaz: Uint8Array, i: number): number {
  let code = 0;
  for (let t = 0; t < ENTITY_TYPES.length; t++) code = code * 5 + gaz[i * ENTITY_TYPES.length + t];
  return code;
}
