/**
 * One article as a row of the database backend. Its words are cut by minisearch's own tokenizer and
 * term processing, so that both backends know exactly the same words; the tsvector is written out
 * here (title weight A, source B, text D; each occurrence's position, paragraphs apart, so a phrase
 * never runs from one paragraph into the next).
 */
import MiniSearch from 'minisearch';
import { daySpan, yearLabel } from '../articleDate';
import { sourceLabel } from '../grouping';
import type { Article } from '../types';

const tokenize = MiniSearch.getDefault('tokenize') as (text: string) => string[];
const processTerm = MiniSearch.getDefault('processTerm') as (term: string) => string | null | undefined | false;

/** PostgreSQL's limits: a lexeme under 2 KB, positions up to 16383, 256 of them per lexeme, a tsvector under 1 MB. */
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
  /** Positions were cut (a very long text, or a word written hundreds of times): phrases are checked in the text. */
  longText: boolean;
  /** Each distinct word once (for the vocabulary's counts). */
  lexemes: string[];
}

type Weight = 'A' | 'B' | 'D';

class TsvectorWriter {
  private readonly positions = new Map<string, string[]>();
  private position = 0;
  cut = false;

  add(text: string, weight: Weight): void {
    for (const term of indexTerms(text)) {
      this.position++;
      if (Buffer.byteLength(term) > MAX_LEXEME_BYTES) continue;
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

  /** The tsvector's text form; without positions when they would pass PostgreSQL's size limit. */
  toString(): string {
    const entries = [...this.positions].map(([term, list]) => [quoteLexeme(term), list.join(',')] as const);
    const withPositions = entries.map(([lexeme, list]) => (list ? `${lexeme}:${list}` : lexeme)).join(' ');
    if (withPositions.length < MAX_TSVECTOR_BYTES / 2 || Buffer.byteLength(withPositions) < MAX_TSVECTOR_BYTES) return withPositions;
    this.cut = true;
    return entries.map(([lexeme]) => lexeme).join(' ');
  }
}

/** A lexeme in tsvector or tsquery text: quoted, its quotes doubled and backslashes escaped. */
export function quoteLexeme(term: string): string {
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
    terms,
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
    row.longText,
  ];
}

export const ARTICLE_COLUMNS =
  'path, title, source, date, size, mtime_ms, source_key, source_label, year_label, day_from, day_to, paragraphs, text_bytes, terms, long_text';

/** One line of COPY's text format. */
export function copyLine(values: (string | number | boolean | null)[]): string {
  return values.map((v) => (v === null ? '\\N' : typeof v === 'boolean' ? (v ? 't' : 'f') : escapeCopy(String(v)))).join('\t') + '\n';
}

function escapeCopy(text: string): string {
  return text.replace(/[\\\n\r\t]/g, (c) => (c === '\\' ? '\\\\' : c === '\n' ? '\\n' : c === '\r' ? '\\r' : '\\t'));
}
