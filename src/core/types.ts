/** One paragraph of an article's reading text, with where it starts in the original file. */
export interface Paragraph {
  text: string;
  /** 0-based line in the original file (as VS Code counts lines). */
  line: number;
  /** Where in `text` each following line of the file begins, when the paragraph spans several. */
  breaks?: number[];
}

/** The file's line of an offset in a paragraph's text. */
export function paragraphLine(paragraph: Paragraph, offset: number): number {
  let line = paragraph.line;
  for (const at of paragraph.breaks ?? []) if (at <= offset) line++;
  return line;
}

/** Where that line begins in the paragraph's text (0 for its first line). */
export function lineStartInParagraph(paragraph: Paragraph, offset: number): number {
  let start = 0;
  for (const at of paragraph.breaks ?? []) if (at <= offset) start = at;
  return start;
}

/** An article date: `YYYY-MM-DD`, or `--MM-DD` when the capture gives no year. */
export type ArticleDate = string;

export interface Article {
  /** Absolute path of the file. */
  path: string;
  title: string;
  /** Null when no pattern recognised the publisher. */
  source: string | null;
  date: ArticleDate | null;
  /** The reading text, boilerplate removed, as paragraphs (see readingText for one string). */
  paragraphs: Paragraph[];
  /** File size and modification time when it was read, for caches. */
  size: number;
  mtimeMs: number;
}

/** A file's size and modification time: what tells a cache that the file changed. */
export interface FileStamp {
  size: number;
  mtimeMs: number;
}

/** True when both stamps exist and are the same. */
export function sameStamp(a: FileStamp | undefined, b: FileStamp | undefined): boolean {
  return a !== undefined && b !== undefined && a.size === b.size && a.mtimeMs === b.mtimeMs;
}

/** An article without its text: what the tree and the counts need, cheap to keep and to send between threads. */
export type ArticleSummary = Pick<Article, 'path' | 'title' | 'source' | 'date'>;

export function summarize(article: ArticleSummary): ArticleSummary {
  return { path: article.path, title: article.title, source: article.source, date: article.date };
}

/** The reading text as one string, paragraphs separated by blank lines (not stored: it would double memory). */
export function readingText(article: Pick<Article, 'paragraphs'>): string {
  return article.paragraphs.map((p) => p.text).join('\n\n');
}

/**
 * A file that could not be read or parsed, and why, in words a user can act on. `loaded`: the file
 * is in the corpus all the same, read in a reduced way (as windows-1252, as plain text); otherwise
 * it was skipped.
 */
export interface Problem {
  path: string;
  message: string;
  severity?: 'skipped' | 'loaded';
}

/** A user-supplied source rule: a regular expression and the source it names (`$1` = first group). */
export interface SourcePatternSetting {
  pattern: string;
  source?: string;
  flags?: string;
}
