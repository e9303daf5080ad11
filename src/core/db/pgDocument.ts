/**
 * One article as a row of the database backend. Its words are cut as minisearch cuts them, so that
 * both backends know exactly the same words; its tsvector is written by tsvector.ts.
 */
import { daySpan, yearLabel } from '../articleDate';
import { sourceLabel } from '../grouping';
import { PARSE_RULES } from '../ingest/articleFiles';
import { indexTerms } from '../search/indexTerms';
import type { Article } from '../types';
import type { BinaryCopyWriter } from './binaryCopy';
import { storable, TsvectorWriter, WordDictionary, tooLongForLexeme, tsvectorBinary } from './tsvector';

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
  /** The words the dictionary given to articleRow met here first (all of them without one). */
  newWords: string[];
  /** The version of the parsing rules that read the file: an article read by older rules is read again. */
  parseRules: number;
}

/** A lexeme in tsvector or tsquery text: quoted, its quotes doubled and backslashes escaped. */
export function quoteLexeme(term: string): string {
  // Index terms never hold these (the tokenizer splits on punctuation); query words may.
  if (!term.includes("'") && !term.includes('\\')) return `'${term}'`;
  return `'${term.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

/** The article's row; `words`: an ingest's dictionary, which tells the words no earlier article had. */
export function articleRow(article: Article, relativePath: string, words = new WordDictionary()): ArticleRow {
  const writer = new TsvectorWriter(words);
  writer.add(article.title, 'A');
  writer.add(article.source ?? '', 'B');
  const source = article.source === null ? null : storable(article.source);
  for (const paragraph of article.paragraphs) writer.add(paragraph.text, 'D');
  const lexemes = writer.lexemes();
  const terms = writer.toBinary(lexemes);
  const titleTerms = [...new Set(indexTerms(storable(article.title)))].filter((t) => !tooLongForLexeme(t));
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
    lexemes,
    newWords: writer.newWords,
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
