/**
 * One article as a row of the database backend. Its words are cut by minisearch's own tokenizer and
 * term processing, so that both backends know exactly the same words; the tsvector is written out
 * here (title weight A, source B, text D; each occurrence's position, paragraphs apart, so a phrase
 * never runs from one paragraph into the next).
 */
import { daySpan, yearLabel } from '../articleDate';
import { sourceLabel } from '../grouping';
import { PARSE_RULES } from '../ingest/parse';
import { forEachIndexTerm, indexTerms } from '../search/indexTerms';
import type { Article } from '../types';
import type { BinaryCopyWriter } from './binaryCopy';

/** PostgreSQL's limits: a lexeme under 2 KB, positions up to 16383, 256 of them per lexeme, a tsvector's words and positions under 1 MB (a margin kept). */
const MAX_LEXEME_BYTES = 2046;
const MAX_POSITION = 16383;
const MAX_POSITIONS_PER_LEXEME = 256;
const MAX_TSVECTOR_BYTES = 1_000_000;
/** A gap between fields and paragraphs, so that `<->` does not join the end of one to the start of the next. */
const FIELD_GAP = 2;

export interface ArticleRow {
  path: string;
  title: string;
  source: string | null;
  date: string | null;
  size: number;
  mtimeMs: number;
  sourceKey: string;
  sourceLabel: string;
  yearLabel: string;
  dayFrom: string | null;
  dayTo: string | null;
  paragraphs: string;
  textBytes: number;
  /** The tsvector, in binary form. */
  terms: Buffer;
  /** The title's words alone (a small tsvector kept in the row): the first, cheap ranking of many hits. */
  titleTerms: Buffer;
  /** Positions were cut (a very long text, or a word written hundreds of times): phrases are checked in the text. */
  longText: boolean;
  /** Each distinct word once (for the vocabulary). */
  lexemes: string[];
  /** The version of the parsing rules that read the file: an article read by older rules is read again. */
  parseRules: number;
}

/** A position's weight in its top two bits (tsvector's binary form: A 3, B 2, D 0). */
const WEIGHT_BITS = { A: 3 << 14, B: 2 << 14, D: 0 } as const;
type Weight = keyof typeof WEIGHT_BITS;

/** Too long for a lexeme (a string of letters hundreds long, in a hostile file). */
function tooLong(lexeme: string): boolean {
  return lexeme.length > MAX_LEXEME_BYTES / 3 && Buffer.byteLength(lexeme) > MAX_LEXEME_BYTES;
}

class TsvectorWriter {
  private readonly positions = new Map<string, number[]>();
  private position = 0;
  cut = false;

  add(text: string, weight: Weight): void {
    const bits = WEIGHT_BITS[weight];
    // A NUL would end a word early in the binary form (and PostgreSQL text holds none): it is the replacement character, as in stored text.
    forEachIndexTerm(storable(text), (term) => {
      this.position++;
      if (tooLong(term)) return;
      let list = this.positions.get(term);
      if (!list) this.positions.set(term, (list = []));
      if (this.position > MAX_POSITION || list.length >= MAX_POSITIONS_PER_LEXEME) this.cut = true;
      else list.push(bits | this.position);
    });
    this.position += FIELD_GAP;
  }

  lexemes(): string[] {
    return [...this.positions.keys()];
  }

  /**
   * The tsvector in binary form. PostgreSQL keeps a tsvector's words and positions in one area of at
   * most 1 MB: past it, positions go (phrases are then checked in the text: `cut`), and only words
   * past the limit after that.
   */
  toBinary(): Buffer {
    const terms = [...this.positions.keys()];
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

/** A lexeme in tsvector or tsquery text: quoted, its quotes doubled and backslashes escaped. */
export function quoteLexeme(term: string): string {
  // Index terms never hold these (the tokenizer splits on punctuation); query words may.
  if (!term.includes("'") && !term.includes('\\')) return `'${term}'`;
  return `'${term.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

/** PostgreSQL text cannot hold NUL: it is kept as the replacement character. */
function storable(text: string): string {
  return text.includes('\0') ? text.replace(/\0/g, '\uFFFD') : text;
}

export function articleRow(article: Article, relativePath: string): ArticleRow {
  const writer = new TsvectorWriter();
  writer.add(article.title, 'A');
  writer.add(article.source ?? '', 'B');
  const source = article.source === null ? null : storable(article.source);
  for (const paragraph of article.paragraphs) writer.add(paragraph.text, 'D');
  const terms = writer.toBinary();
  const titleTerms = [...new Set(indexTerms(storable(article.title)))].filter((t) => !tooLong(t));
  const days = daySpan(article.date);
  const paragraphs = article.paragraphs.some((p) => p.text.includes('\0'))
    ? article.paragraphs.map((p) => ({ ...p, text: storable(p.text) }))
    : article.paragraphs;
  return {
    path: relativePath,
    title: storable(article.title),
    source,
    date: article.date,
    size: article.size,
    mtimeMs: article.mtimeMs,
    sourceKey: (source || 'unknown').toLowerCase(),
    sourceLabel: sourceLabel(source || null),
    yearLabel: yearLabel(article.date),
    dayFrom: days?.first ?? null,
    dayTo: days?.last ?? null,
    paragraphs: JSON.stringify(paragraphs),
    textBytes: article.paragraphs.reduce((sum, p) => sum + Buffer.byteLength(p.text), 0),
    parseRules: PARSE_RULES,
    terms,
    titleTerms: tsvectorBinary(titleTerms, []),
    longText: writer.cut,
    lexemes: writer.lexemes(),
  };
}

export const ARTICLE_COLUMNS =
  'path, title, source, date, size, mtime_ms, source_key, source_label, year_label, day_from, day_to, paragraphs, text_bytes, terms, title_terms, long_text, parse_rules';
const COLUMN_COUNT = ARTICLE_COLUMNS.split(',').length;

/** The row's fields in the order of ARTICLE_COLUMNS, in COPY's binary format. */
export function writeRow(copy: BinaryCopyWriter, row: ArticleRow): void {
  copy
    .row(COLUMN_COUNT)
    .text(row.path)
    .text(row.title)
    .text(row.source)
    .text(row.date)
    .bigint(row.size)
    .double(row.mtimeMs)
    .text(row.sourceKey)
    .text(row.sourceLabel)
    .text(row.yearLabel)
    .text(row.dayFrom)
    .text(row.dayTo)
    .jsonb(row.paragraphs)
    .integer(row.textBytes)
    .binary(row.terms)
    .binary(row.titleTerms)
    .boolean(row.longText)
    .integer(row.parseRules);
}

/** One line of COPY's text format. */
export function copyLine(values: (string | number | boolean | null)[]): string {
  return values.map((v) => (v === null ? '\\N' : typeof v === 'boolean' ? (v ? 't' : 'f') : escapeCopy(String(v)))).join('\t') + '\n';
}

function escapeCopy(text: string): string {
  return text.replace(/[\\\n\r\t]/g, (c) => (c === '\\' ? '\\\\' : c === '\n' ? '\\n' : c === '\r' ? '\\r' : '\\t'));
}
