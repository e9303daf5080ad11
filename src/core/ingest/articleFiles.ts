/**
 * What a corpus is made of before any file is read: which files are articles, the folders never
 * walked, the listing itself, and the signature of the parsing rules a cache was made under. Kept
 * apart from the parsing (loader.ts, parse.ts) so that the engine can list, watch and reopen a
 * corpus from its cache without loading the HTML, date and language libraries it does not need then.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { BUILTIN_SOURCE_PATTERNS, type SourcePattern } from './source';
import type { SourceRule } from './sourceRules';
import type { Article, Problem } from '../types';

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

export const DEFAULT_MAX_FILE_BYTES = 10 * 1024 * 1024;
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
