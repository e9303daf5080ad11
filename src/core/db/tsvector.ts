/**
 * An article's tsvector, written here in PostgreSQL's binary form: each word minisearch indexes, with
 * the positions it has (title weight A, source B, text D; paragraphs apart, so that a phrase never runs
 * from one paragraph into the next). An ingest's words are numbered once in a WordDictionary, which
 * also tells which words no earlier article had (those the vocabulary may lack).
 */
import { forEachIndexTerm } from '../search/indexTerms';

/** PostgreSQL's limits: a lexeme under 2 KB, positions up to 16383, 256 of them per lexeme, a tsvector's words and positions under 1 MB (a margin kept). */
const MAX_LEXEME_BYTES = 2046;
const MAX_POSITION = 16383;
const MAX_POSITIONS_PER_LEXEME = 256;
const MAX_TSVECTOR_BYTES = 1_000_000;
/** A gap between fields and paragraphs, so that `<->` does not join the end of one to the start of the next. */
const FIELD_GAP = 2;

/** A position's weight in its top two bits (tsvector's binary form: A 3, B 2, D 0). */
const WEIGHT_BITS = { A: 3 << 14, B: 2 << 14, D: 0 } as const;
type Weight = keyof typeof WEIGHT_BITS;

/** PostgreSQL text cannot hold NUL: it is kept as the replacement character. */
export function storable(text: string): string {
  return text.includes('\0') ? text.replace(/\0/g, '\uFFFD') : text;
}

/** Too long for a lexeme (a string of letters hundreds long, in a hostile file). */
export function tooLongForLexeme(word: string): boolean {
  return word.length > MAX_LEXEME_BYTES / 3 && Buffer.byteLength(word) > MAX_LEXEME_BYTES;
}

/**
 * Every word met, each with a number: an article's words are looked up here once each (one string
 * lookup a word; the article then keeps its places by number). Set-like for the vocabulary's writes.
 */
export class WordDictionary {
  private readonly ids = new Map<string, number>();
  private readonly words: string[] = [];

  constructor(known: Iterable<string> = []) {
    for (const word of known) this.idOf(word);
  }

  /** The word's number; `firstMet` gets the word when the dictionary did not have it. */
  idOf(word: string, firstMet?: string[]): number {
    let id = this.ids.get(word);
    if (id === undefined) {
      id = this.words.push(word) - 1;
      this.ids.set(word, id);
      firstMet?.push(word);
    }
    return id;
  }

  word(id: number): string {
    return this.words[id];
  }

  has(word: string): boolean {
    return this.ids.has(word);
  }

  add(word: string): void {
    this.idOf(word);
  }

  /** The word left the vocabulary: met again, it is new again. */
  delete(word: string): void {
    this.ids.delete(word);
  }
}

export class TsvectorWriter {
  private readonly positions = new Map<number, number[]>();
  private position = 0;
  cut = false;
  /** Words the dictionary met first in this article. */
  readonly newWords: string[] = [];

  constructor(private readonly dictionary: WordDictionary) {}

  add(text: string, weight: Weight): void {
    const bits = WEIGHT_BITS[weight];
    // A NUL would end a word early in the binary form (and PostgreSQL text holds none): it is the replacement character, as in stored text.
    forEachIndexTerm(storable(text), (term) => {
      this.position++;
      if (tooLongForLexeme(term)) return;
      const id = this.dictionary.idOf(term, this.newWords);
      let list = this.positions.get(id);
      if (!list) this.positions.set(id, (list = []));
      if (this.position > MAX_POSITION || list.length >= MAX_POSITIONS_PER_LEXEME) this.cut = true;
      else list.push(bits | this.position);
    });
    this.position += FIELD_GAP;
  }

  lexemes(): string[] {
    return Array.from(this.positions.keys(), (id) => this.dictionary.word(id));
  }

  /**
   * The tsvector in binary form. PostgreSQL keeps a tsvector's words and positions in one area of at
   * most 1 MB: past it, positions go (phrases are then checked in the text: `cut`), and only words
   * past the limit after that. `terms`: this article's `lexemes()`, in their order.
   */
  toBinary(terms: string[]): Buffer {
    const lists = [...this.positions.values()];
    // An upper bound first (3 bytes a character): the exact UTF-8 size is counted only near the limit.
    const stored = (bytesOf: (term: string) => number) =>
      terms.reduce((sum, term, i) => sum + bytesOf(term) + 1 + (lists[i].length > 0 ? 2 + 2 * lists[i].length : 0), 0);
    if (stored((t) => 3 * t.length) < MAX_TSVECTOR_BYTES || stored((t) => Buffer.byteLength(t)) < MAX_TSVECTOR_BYTES) return tsvectorBinary(terms, lists);
    this.cut = true;
    let room = MAX_TSVECTOR_BYTES;
    const kept: string[] = [];
    for (const term of terms) {
      room -= Buffer.byteLength(term) + 1;
      if (room < 0) break;
      kept.push(term);
    }
    return tsvectorBinary(kept, []);
  }
}

/**
 * tsvector's binary form (PostgreSQL's tsvectorsend): the number of words, then each word's UTF-8
 * bytes ended by NUL, its number of positions and the positions (weight in the top two bits). The
 * server sorts the words itself; each word's positions are in increasing order, as it requires.
 */
export function tsvectorBinary(terms: string[], positions: number[][]): Buffer {
  let most = 4;
  for (const [i, term] of terms.entries()) most += 3 * term.length + 3 + 2 * (positions[i]?.length ?? 0);
  const out = Buffer.allocUnsafe(most);
  let at = out.writeInt32BE(terms.length, 0);
  for (const [i, term] of terms.entries()) {
    at = writeUtf8(out, term, at);
    out[at++] = 0;
    const list = positions[i] ?? [];
    out[at++] = list.length >> 8;
    out[at++] = list.length & 0xff;
    for (const position of list) {
      out[at++] = position >> 8;
      out[at++] = position & 0xff;
    }
  }
  return out.subarray(0, at);
}

/** Writes a short text's UTF-8 bytes: ASCII byte by byte (most words; millions of Buffer.write calls cost more), the rest by Buffer.write. */
function writeUtf8(out: Buffer, text: string, at: number): number {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return at + out.write(text, at, 'utf8');
  for (let i = 0; i < text.length; i++) out[at++] = text.charCodeAt(i);
  return at;
}
