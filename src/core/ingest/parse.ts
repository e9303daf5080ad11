/** Raw capture → Article: title, source, date, reading text and paragraphs with line numbers. */
import * as path from 'node:path';
import { readingLineMask } from './boilerplate';
import { extractDate, isDateLine } from './date';
import { parseFrontMatter } from './frontMatter';
import { htmlDetails, parseHtml } from './html';
import { detectLanguage } from './language';
import { BUILTIN_SOURCE_PATTERNS, detectSource, type SourcePattern } from './source';
import { ruleFor, type SourceRule } from './sourceRules';
import type { Article, ArticleDate, Paragraph } from '../types';

export interface ParseOptions {
  sourcePatterns?: SourcePattern[];
  /** The user's folder rules (.corpus-lens/sources.json): a source, and dates for files that give none. */
  sourceRules?: SourceRule[];
}

/** Bump when the parsing rules change what a file gives (a date, a title, the reading text): caches made by older rules are rebuilt. */
export const PARSE_RULES = 2;

/** Identifies the rules and options that change what parsing gives, so a cache made with others is not used. */
export function parseSignature(options: ParseOptions): string {
  const patterns = (options.sourcePatterns ?? BUILTIN_SOURCE_PATTERNS).map((p) => [p.pattern.source, p.pattern.flags, p.source]);
  return JSON.stringify({ rules: PARSE_RULES, patterns, sourceRules: options.sourceRules ?? [] });
}

/** Why a cache made under signature `made` is not used under `current`, in words for the output channel. */
export function signatureChange(made: string, current: string): string {
  const rulesOf = (signature: string): unknown => {
    try {
      return (JSON.parse(signature) as { rules?: unknown }).rules;
    } catch {
      return undefined;
    }
  };
  return rulesOf(made) === rulesOf(current)
    ? 'was made with other source rules (.corpus-lens/sources.json or corpusLens.sourcePatterns)'
    : 'was made by an older version of the parsing rules';
}

export interface FileStats {
  size: number;
  mtimeMs: number;
}

export const ARTICLE_EXTENSIONS = ['.txt', '.md', '.markdown', '.html', '.htm'];

export function isArticleFile(filePath: string): boolean {
  return ARTICLE_EXTENSIONS.includes(path.extname(filePath).toLowerCase());
}

/** Metadata that overrides what the text suggests (front matter, HTML meta tags). */
interface Overrides {
  title?: string;
  source?: string | null;
  date?: ArticleDate | null;
  /** The page's language, for reading dates in its text. */
  lang?: string;
}

const MAX_TITLE = 200;
const MIN_TITLE = 8;

/** `onNotice`: told when the file was read in a reduced way (an HTML page over the budget), and why. */
export function parseArticle(filePath: string, text: string, stats: FileStats, options: ParseOptions = {}, onNotice?: (message: string) => void): Article {
  const ext = path.extname(filePath).toLowerCase();
  if (ext === '.html' || ext === '.htm') {
    const html = parseHtml(text);
    if (html.overBudget) onNotice?.(html.overBudget);
    return buildArticle(filePath, html.lines, html.lineNumbers, { ...html.overrides, lang: html.lang }, stats, options);
  }
  if (ext === '.md' || ext === '.markdown') {
    const fm = parseFrontMatter(text);
    const lines = fm.body.split('\n');
    const lineNumbers = lines.map((_, i) => i + fm.bodyLine);
    return buildArticle(filePath, lines, lineNumbers, fm.overrides, stats, options);
  }
  const lines = text.split('\n');
  return buildArticle(
    filePath,
    lines,
    lines.map((_, i) => i),
    {},
    stats,
    options,
  );
}

/** What a file says about itself beyond the tree's fields: for `corpus-lens article` and "Show What Was Read", not kept with the article. */
export interface ArticleDetails {
  author: string | null;
  /** As the file states it ("de-DE"), else told from its text ("de"); null when too little text. */
  language: string | null;
}

export function articleDetails(filePath: string, text: string): ArticleDetails {
  const ext = path.extname(filePath).toLowerCase();
  if (ext === '.html' || ext === '.htm') return htmlDetails(text);
  if (ext === '.md' || ext === '.markdown') {
    const fm = parseFrontMatter(text);
    return { author: fm.author ?? null, language: fm.overrides.lang ?? detectLanguage(fm.body) };
  }
  return { author: null, language: detectLanguage(text) };
}

function buildArticle(filePath: string, lines: string[], lineNumbers: number[], overrides: Overrides, stats: FileStats, options: ParseOptions): Article {
  const keep = readingLineMask(lines);
  const paragraphs = collectParagraphs(lines, lineNumbers, keep);
  const keptLines = lines.filter((_, i) => keep[i]);
  const fullText = lines.join('\n');
  const rule = ruleFor(filePath, options.sourceRules ?? []);
  return {
    path: filePath,
    title: overrides.title?.trim() || guessTitle(keptLines) || path.basename(filePath, path.extname(filePath)),
    source: overrides.source !== undefined ? overrides.source : (rule.source ?? detectSource(fullText, options.sourcePatterns ?? BUILTIN_SOURCE_PATTERNS)),
    date: overrides.date !== undefined ? overrides.date : (extractDate(keptLines, overrides.lang) ?? rule.dates ?? null),
    paragraphs,
    size: stats.size,
    mtimeMs: stats.mtimeMs,
  };
}

function collectParagraphs(lines: string[], lineNumbers: number[], keep: boolean[]): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  let current: Paragraph | null = null;
  lines.forEach((line, i) => {
    if (!keep[i]) {
      current = null;
      return;
    }
    const text = line.trim().replace(/\s+/g, ' ');
    if (current) {
      (current.breaks ??= []).push(current.text.length + 1);
      current.text += ' ' + text;
    } else paragraphs.push((current = { text, line: lineNumbers[i] }));
  });
  return paragraphs;
}

/** The first kept line that reads like a headline: not a bare date, not too short or long. */
export function guessTitle(keptLines: string[]): string | null {
  for (const raw of keptLines.slice(0, 10)) {
    const line = raw.trim().replace(/\s+/g, ' ');
    if (line.length < MIN_TITLE || line.length > MAX_TITLE) continue;
    if (isDateLine(line)) continue;
    return line;
  }
  return null;
}
