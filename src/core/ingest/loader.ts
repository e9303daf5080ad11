/** Reading a corpus from disk: listing, decoding and parsing, with every bad file reported once. */
import { promises as fs } from 'node:fs';
import { decodeText, UnreadableContentError } from './textDecoding';
import { DEFAULT_MAX_FILE_BYTES, describeError, listArticleFiles, type LoadOptions, type LoadResult, type ReadResult } from './articleFiles';
import { articleDetails, parseArticle, type ArticleDetails } from './parse';
import type { Article, Problem } from '../types';

const DEFAULT_CONCURRENCY = 16;

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

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}
