/** Raw capture → Article: title, source, date, reading text and paragraphs with line numbers. */
import * as path from 'node:path';
import { readingLineMask } from './boilerplate';
import { extractDate, isDateLine } from './date';
import { parseFrontMatter } from './frontMatter';
import { htmlDetails, parseHtml } from './html';
import { detectLanguage } from './language';
import type { FileStats, ParseOptions } from './articleFiles';
import { BUILTIN_SOURCE_PATTERNS, detectSource } from './source';
import { ruleFor } from './sourceRules';
import type { Article, ArticleDate, Paragraph } from '../types';

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
