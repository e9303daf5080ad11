/**
 * One article as a row of the database backend. Its words are cut by minisearch's own tokenizer and
 * term processing, so that both backends know exactly the same words; the tsvector is written out
 * here (title weight A, source B, text D; each occurrence's position, paragraphs apart, so a phrase
 * never runs from one paragraph into the next).
 */
import MiniSearch from 'minisearch';
import { daySpan, yearLabel } from '../articleDate';
import { sourceLabel } from '../grouping';
import { PARSE_RULES } from '../ingest/parse';
import type { Article } from '../types';

const tokenize = MiniSearch.getDefault('tokenize') as (text: string) => string[];
const processTerm = MiniSearch.getDefault('processTerm') as (term: string) => string | null | undefined | false;

/** PostgreSQL's limits: a lexeme under 2 KB, positions up to 16383, 256 of them per lexeme, a tsvector's words and positions under 1 MB (a margin kept). */
const MAX_LEXEME_BYTES = 2046;
const MAX_POSITION = 16383;
const MAX_POSITIONS_PER_LEXEME = 256;
const MAX_TSVECTOR_BYTES = 1_000_000;
/** A gap between fields and paragraphs, so that `<->` does not join the end of one to the start of the next. */
const FIELD_GAP = 2;

/** The words minisearch indexes for a text, lower-cased, in order. */
export function indexTerms(text: string): string[] {
  const out: string[] = [];
  for (const token of tokenize(text)) {
    const term = processTerm(token);
    if (term) out.push(term);
  }
  return out;
}

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
  terms: string;
  /** The title's words alone (a small tsvector kept in the row): the first, cheap ranking of many hits. */
  titleTerms: string;
  /** Positions were cut (a very long text, or a word written hundreds of times): phrases are checked in the text. */
  longText: boolean;
  /** Each distinct word once (for the vocabulary). */
  lexemes: string[];
  /** The version of the parsing rules that read the file: an article read by older rules is read again. */
  parseRules: number;
}

type Weight = 'A' | 'B' | 'D';

/** Too long for a lexeme (a string of letters hundreds long, in a hostile file). */
function tooLong(lexeme: string): boolean {
  return lexeme.length > MAX_LEXEME_BYTES / 3 && Buffer.byteLength(lexeme) > MAX_LEXEME_BYTES;
}

class TsvectorWriter {
  private readonly positions = new Map<string, string[]>();
  private position = 0;
  cut = false;

  add(text: string, weight: Weight): void {
    for (const term of indexTerms(text)) {
      this.position++;
      if (tooLong(term)) continue;
      const list = this.positions.get(term) ?? [];
      if (list.length === 0) this.positions.set(term, list);
      if (this.position > MAX_POSITION || list.length >= MAX_POSITIONS_PER_LEXEME) {
        this.cut = true;
        continue;
      }
      list.push(weight === 'D' ? String(this.position) : `${this.position}${weight}`);
    }
    this.position += FIELD_GAP;
  }

  lexemes(): string[] {
    return [...this.positions.keys()];
  }

  /**
   * The tsvector's text form. PostgreSQL keeps a tsvector's words and positions in one area of at
   * most 1 MB: past it, positions go (phrases are then checked in the text: `cut`), and only words
   * past the limit after that.
   */
  toString(): string {
    const terms = [...this.positions.keys()];
    const lists = [...this.positions.values()];
    const words = terms.map(quoteLexeme);
    // An upper bound first (3 bytes a character): the exact UTF-8 size is counted only near the limit.
    const stored = (bytesOf: (term: string) => number) =>
      terms.reduce((sum, term, i) => sum + bytesOf(term) + 1 + (lists[i].length > 0 ? 2 + 2 * lists[i].length : 0), 0);
    if (stored((t) => 3 * t.length) < MAX_TSVECTOR_BYTES || stored((t) => Buffer.byteLength(t)) < MAX_TSVECTOR_BYTES)
      return words.map((w, i) => (lists[i].length > 0 ? `${w}:${lists[i].join(',')}` : w)).join(' ');
    this.cut = true;
    let room = MAX_TSVECTOR_BYTES;
    const kept: string[] = [];
    for (const [i, term] of terms.entries()) {
      room -= Buffer.byteLength(term) + 1;
      if (room < 0) break;
      kept.push(words[i]);
    }
    return kept.join(' ');
  }
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
  for (const paragraph of article.paragraphs) writer.add(paragraph.text, 'D');
  const terms = writer.toString();
  const titleTerms = [...new Set(indexTerms(article.title))].filter((t) => !tooLong(t));
  const days = daySpan(article.date);
  const paragraphs = article.paragraphs.map((p) => ({ ...p, text: storable(p.text) }));
  return {
    path: relativePath,
    title: storable(article.title),
    source: article.source === null ? null : storable(article.source),
    date: article.date,
    size: article.size,
    mtimeMs: article.mtimeMs,
    sourceKey: (article.source || 'unknown').toLowerCase(),
    sourceLabel: sourceLabel(article.source || null),
    yearLabel: yearLabel(article.date),
    dayFrom: days?.first ?? null,
    dayTo: days?.last ?? null,
    paragraphs: JSON.stringify(paragraphs),
    textBytes: article.paragraphs.reduce((sum, p) => sum + Buffer.byteLength(p.text), 0),
    parseRules: PARSE_RULES,
    terms,
    titleTerms: titleTerms.map(quoteLexeme).join(' '),
    longText: writer.cut,
    lexemes: writer.lexemes(),
  };
}

/** The row's fields in the order of ARTICLE_COLUMNS. */
export function rowValues(row: ArticleRow): (string | number | boolean | null)[] {
  return [
    row.path,
    row.title,
    row.source,
    row.date,
    row.size,
    row.mtimeMs,
    row.sourceKey,
    row.sourceLabel,
    row.yearLabel,
    row.dayFrom,
    row.dayTo,
    row.paragraphs,
    row.textBytes,
    row.terms,
    row.titleTerms,
    row.longText,
    row.parseRules,
  ];
}

export const ARTICLE_COLUMNS =
  'path, title, source, date, size, mtime_ms, source_key, source_label, year_label, day_from, day_to, paragraphs, text_bytes, terms, title_terms, long_text, parse_rules';

/** One line of COPY's text format. */
export function copyLine(values: (string | number | boolean | null)[]): string {
  return values.map((v) => (v === null ? '\\N' : typeof v === 'boolean' ? (v ? 't' : 'f') : escapeCopy(String(v)))).join('\t') + '\n';
}

function escapeCopy(text: string): string {
  return text.replace(/[\\\n\r\t]/g, (c) => (c === '\\' ? '\\\\' : c === '\n' ? '\\n' : c === '\r' ? '\\r' : '\\t'));
}
