/** Reading a corpus from disk: listing, decoding and parsing, with every bad file reported once. */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { decodeText, UnreadableContentError } from './textDecoding';
import { articleDetails, isArticleFile, parseArticle, type ArticleDetails, type ParseOptions } from './parse';
import type { Article, Problem } from '../types';

export const DEFAULT_MAX_FILE_BYTES = 10 * 1024 * 1024;
const DEFAULT_CONCURRENCY = 16;
const SKIPPED_DIRECTORIES = new Set(['node_modules']);
/** A dataset's own papers (README.TXT, LICENSE, CHANGELOG.md) describe the corpus; they are not articles in it. */
const NOT_ARTICLE_NAMES = /^(readme|licen[cs]e|copying|changelog|changes|notice|authors|contributing)(\.[a-z]+)?$/i;

/** Dot-folders (.git, .vscode, .corpus-lens) and dependency folders are never walked into. */
export function isSkippedFolder(name: string): boolean {
  return name.startsWith('.') || SKIPPED_DIRECTORIES.has(name);
}

/** True for a file the walk lists as an article: a known extension, not a dataset's README or LICENSE, not hidden. */
export function isCorpusArticleFile(filePath: string): boolean {
  const name = path.basename(filePath);
  return isArticleFile(filePath) && !name.startsWith('.') && !NOT_ARTICLE_NAMES.test(name);
}

export interface LoadOptions extends ParseOptions {
  maxFileBytes?: number;
  concurrency?: number;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
  onProblem?: (problem: Problem) => void;
}

export interface LoadResult {
  articles: Article[];
  problems: Problem[];
}

export type ReadResult = { article: Article } | { problem: Problem };

/** Every article file under the folders, following symlinks but never around a loop. */
export async function listArticleFiles(folders: string[], onProblem: (p: Problem) => void = () => undefined): Promise<string[]> {
  const files: string[] = [];
  const visited = new Set<string>();
  for (const folder of folders) await walk(folder, files, visited, onProblem);
  return files;
}

async function walk(dir: string, files: string[], visited: Set<string>, onProblem: (p: Problem) => void): Promise<void> {
  let real: string;
  let entries: import('node:fs').Dirent[];
  try {
    real = await fs.realpath(dir);
    entries = await fs.readdir(dir, { withFileTypes: true });
  } catch (error) {
    onProblem({ path: dir, message: `folder cannot be read: ${describeError(error)}` });
    return;
  }
  if (visited.has(real)) {
    onProblem({ path: dir, message: `skipped: a symbolic link leads back to ${real}, which is already being read (a link loop)` });
    return;
  }
  visited.add(real);
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!isSkippedFolder(entry.name)) await walk(full, files, visited, onProblem);
    } else if (entry.isSymbolicLink()) {
      await followLink(full, files, visited, onProblem);
    } else if (entry.isFile() && isCorpusArticleFile(full)) {
      files.push(full);
    }
  }
}

async function followLink(link: string, files: string[], visited: Set<string>, onProblem: (p: Problem) => void): Promise<void> {
  try {
    const target = await fs.stat(link);
    if (target.isDirectory()) await walk(link, files, visited, onProblem);
    else if (target.isFile() && isCorpusArticleFile(link)) files.push(link);
  } catch (error) {
    onProblem({ path: link, message: `symbolic link cannot be followed: ${describeError(error)}` });
  }
}

/** Reads and parses one file; any failure becomes a Problem, never an exception. */
export async function readArticle(file: string, options: LoadOptions = {}): Promise<ReadResult> {
  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  try {
    const stats = await fs.stat(file);
    if (stats.size > maxBytes) {
      return problem(file, `skipped: ${formatBytes(stats.size)} is over the ${formatBytes(maxBytes)} limit (setting corpusLens.maxFileSizeMB)`);
    }
    const bytes = await fs.readFile(file);
    if (bytes.length === 0) return problem(file, 'skipped: the file is empty');
    const decoded = decodeText(bytes);
    if (decoded.text.trim() === '') return problem(file, 'skipped: the file holds only white space');
    const article = parseArticle(file, decoded.text, { size: stats.size, mtimeMs: stats.mtimeMs }, options, (message) =>
      options.onProblem?.({ path: file, message: `${message} (loaded)`, severity: 'loaded' }),
    );
    if (decoded.note) {
      options.onProblem?.({ path: file, message: `${decoded.note} (loaded)`, severity: 'loaded' });
    }
    return { article };
  } catch (error) {
    if (error instanceof UnreadableContentError) return problem(file, `skipped: ${error.message}`);
    return problem(file, `cannot be read: ${describeError(error)}`);
  }
}

/** Who wrote a file and in what language, read afresh (these are not kept with the article); nulls when it cannot be read or is over the size limit. */
export async function readDetails(file: string, maxBytes = DEFAULT_MAX_FILE_BYTES): Promise<ArticleDetails> {
  try {
    if ((await fs.stat(file)).size > maxBytes) return { author: null, language: null };
    return articleDetails(file, decodeText(await fs.readFile(file)).text);
  } catch {
    return { author: null, language: null };
  }
}

function problem(file: string, message: string): ReadResult {
  return { problem: { path: file, message } };
}

/** Loads every article under the folders with bounded concurrency; bad files are reported and skipped. */
export async function loadCorpus(folders: string[], options: LoadOptions = {}): Promise<LoadResult> {
  const problems: Problem[] = [];
  const report = (p: Problem): void => {
    problems.push(p);
    options.onProblem?.(p);
  };
  const files = await listArticleFiles(folders, report);
  const articles = await readArticles(files, { ...options, onProblem: report });
  return { articles, problems };
}

/** Reads and parses files with bounded concurrency, in their order; failures go to onProblem. */
export async function readArticles(files: string[], options: LoadOptions = {}): Promise<Article[]> {
  const articles: (Article | undefined)[] = new Array(files.length);
  await forEachArticle(files, options, (article, index) => (articles[index] = article));
  return articles.filter((a): a is Article => a !== undefined);
}

/**
 * Reads and parses files with bounded concurrency, handing each article to `visit` as soon as it is
 * read (in any order; `index` is its place in `files`), so no more than a few are in memory at once.
 */
export async function forEachArticle(files: string[], options: LoadOptions, visit: (article: Article, index: number) => void): Promise<void> {
  let next = 0;
  let done = 0;
  const worker = async (): Promise<void> => {
    while (next < files.length) {
      if (options.signal?.aborted) return;
      const index = next++;
      const result = await readArticle(files[index], options);
      if ('article' in result) visit(result.article, index);
      else options.onProblem?.(result.problem);
      options.onProgress?.(++done, files.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency ?? DEFAULT_CONCURRENCY, files.length) }, worker));
}

export function describeError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'ENOENT':
      return 'it no longer exists (deleted or moved while the corpus was loading)';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ELOOP':
      return 'too many levels of symbolic links (a link loop)';
    case 'EISDIR':
      return 'it is a folder, not a file';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}
