/**
 * An article's tsvector, written here in PostgreSQL's binary form: each word minisearch indexes, with
 * the positions it has (title weight A, source B, text D; paragraphs apart, so that a phrase never runs
 * from one paragraph into the next). An ingest's words are numbered once in a WordDictionary, which
 * also tells which words no earlier article had (those the vocabulary may lack).
 */
import { forEachIndexTermSpan } from '../search/indexTerms';

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
 * Every word met, each with a number: an article's words are looked up here once each, by their place
 * in the lower-cased text (a hash of its characters, compared in place: no string is made for a word
 * the dictionary has, and an ingest meets each of its words thousands of times). Set-like for the
 * vocabulary's writes.
 */
export class WordDictionary {
  private readonly words: string[] = [];
  private hashes: Int32Array = new Int32Array(1024);
  /** Open addressing: each slot holds a word's number + 1, or 0. */
  private table: Int32Array = new Int32Array(1 << 12);
  /** Words deleted: their numbers are never found again (the word met again gets a new one). */
  private readonly gone = new Set<number>();
  /**
   * The article being written (one TsvectorWriter at a time: a writer's turn ends when the next is
   * made) and, per word, the last article it was in and its slot there.
   */
  private turn = 0;
  private turnOf: Int32Array = new Int32Array(1024);
  private slotOf: Int32Array = new Int32Array(1024);

  constructor(known: Iterable<string> = []) {
    for (const word of known) this.idOf(word);
  }

  /** The word's number; `firstMet` gets the word when the dictionary did not have it. */
  idOf(word: string, firstMet?: string[]): number {
    return this.idOfSpan(word, 0, word.length, firstMet);
  }

  /** The number of `text.slice(start, end)`, found without making that string unless the word is new. */
  idOfSpan(text: string, start: number, end: number, firstMet?: string[]): number {
    const hash = spanHash(text, start, end);
    const found = this.find(text, start, end, hash);
    if (found >= 0) return found;
    const word = text.slice(start, end);
    const id = this.words.push(word) - 1;
    this.grow(id + 1);
    this.hashes[id] = hash;
    this.place(id, hash);
    firstMet?.push(word);
    return id;
  }

  word(id: number): string {
    return this.words[id];
  }

  has(word: string): boolean {
    return this.findWord(word) >= 0;
  }

  add(word: string): void {
    this.idOf(word);
  }

  /** The word left the vocabulary: met again, it is new again. */
  delete(word: string): void {
    const id = this.findWord(word);
    if (id >= 0) this.gone.add(id);
  }

  /** Starts an article: every word's slot is unset for it. */
  nextTurn(): void {
    this.turn++;
  }

  /** The word's slot in the current article, or -1 when it has none yet. */
  slot(id: number): number {
    return this.turnOf[id] === this.turn ? this.slotOf[id] : -1;
  }

  setSlot(id: number, slot: number): void {
    this.turnOf[id] = this.turn;
    this.slotOf[id] = slot;
  }

  private findWord(word: string): number {
    return this.find(word, 0, word.length, spanHash(word, 0, word.length));
  }

  private find(text: string, start: number, end: number, hash: number): number {
    const mask = this.table.length - 1;
    for (let at = hash & mask; this.table[at] !== 0; at = (at + 1) & mask) {
      const id = this.table[at] - 1;
      if (this.hashes[id] === hash && sameSpan(this.words[id], text, start, end) && (this.gone.size === 0 || !this.gone.has(id))) return id;
    }
    return -1;
  }

  private place(id: number, hash: number): void {
    const mask = this.table.length - 1;
    let at = hash & mask;
    while (this.table[at] !== 0) at = (at + 1) & mask;
    this.table[at] = id + 1;
  }

  /** Room for `count` words: the per-word arrays, and a table at most half full. */
  private grow(count: number): void {
    if (count > this.hashes.length) {
      const size = this.hashes.length * 2;
      this.hashes = copied(this.hashes, size);
      this.turnOf = copied(this.turnOf, size);
      this.slotOf = copied(this.slotOf, size);
    }
    if (count * 2 <= this.table.length) return;
    this.table = new Int32Array(this.table.length * 2);
    for (let id = 0; id < count - 1; id++) this.place(id, this.hashes[id]);
  }
}

function copied(from: Int32Array, size: number): Int32Array {
  const to = new Int32Array(size);
  to.set(from);
  return to;
}

/** FNV-1a over the UTF-16 units of a span. */
function spanHash(text: string, start: number, end: number): number {
  let hash = 0x811c9dc5;
  for (let i = start; i < end; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  // As an Int32Array keeps it (the empty word's hash is the offset basis, past 2^31).
  return hash | 0;
}

function sameSpan(word: string, text: string, start: number, end: number): boolean {
  if (word.length !== end - start) return false;
  for (let i = 0; i < word.length; i++) if (word.charCodeAt(i) !== text.charCodeAt(start + i)) return false;
  return true;
}

export class TsvectorWriter {
  /** This article's words (numbers) in the order first met, and each one's positions. */
  private readonly ids: number[] = [];
  private readonly lists: number[][] = [];
  private position = 0;
  cut = false;
  /** Words the dictionary met first in this article. */
  readonly newWords: string[] = [];

  constructor(private readonly dictionary: WordDictionary) {
    dictionary.nextTurn();
  }

  add(text: string, weight: Weight): void {
    const bits = WEIGHT_BITS[weight];
    // A NUL would end a word early in the binary form (and PostgreSQL text holds none): it is the replacement character, as in stored text.
    forEachIndexTermSpan(storable(text), (lower, start, end) => {
      this.position++;
      if (end - start > MAX_LEXEME_BYTES / 3 && tooLongForLexeme(lower.slice(start, end))) return;
      const id = this.dictionary.idOfSpan(lower, start, end, this.newWords);
      let slot = this.dictionary.slot(id);
      if (slot < 0) {
        slot = this.ids.push(id) - 1;
        this.lists.push([]);
        this.dictionary.setSlot(id, slot);
      }
      const list = this.lists[slot];
      if (this.position > MAX_POSITION || list.length >= MAX_POSITIONS_PER_LEXEME) this.cut = true;
      else list.push(bits | this.position);
    });
    this.position += FIELD_GAP;
  }

  lexemes(): string[] {
    return this.ids.map((id) => this.dictionary.word(id));
  }

  /**
   * The tsvector in binary form. PostgreSQL keeps a tsvector's words and positions in one area of at
   * most 1 MB: past it, positions go (phrases are then checked in the text: `cut`), and only words
   * past the limit after that. `terms`: this article's `lexemes()`, in their order.
   */
  toBinary(terms: string[]): Buffer {
    const lists = this.lists;
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
