/**
 * The on-disk cache of parsed articles and the search index, keyed by each file's path, size and
 * mtime. Written atomically (temp file, then rename); a corrupt or old cache is rebuilt.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { SerializedIndex } from '../search/searchIndex';
import type { Article } from '../types';

/** Bump when Article, parsing rules or the index layout change: an old cache is then rebuilt. */
export const CACHE_VERSION = 6;

export interface CacheData {
  version: number;
  /** The parse options the articles were read with (parseSignature). */
  signature: string;
  articles: Article[];
  index: SerializedIndex;
}

export type CacheRead = { data: CacheData } | { missing: true } | { invalid: string };

export async function readCache(file: string, signature: string): Promise<CacheRead> {
  const read = await readJsonCache<CacheData>(
    file,
    CACHE_VERSION,
    (data) => Array.isArray(data.articles) && typeof data.index?.data === 'object' && Array.isArray(data.index.ids),
  );
  if ('data' in read && read.data.signature !== signature)
    return { invalid: 'was made with other source rules (.corpus-lens/sources.json or corpusLens.sourcePatterns)' };
  return read;
}

export function writeCache(file: string, data: CacheData): Promise<void> {
  return writeJsonAtomically(file, data);
}

/** A versioned JSON cache: missing, usable, or invalid with the reason (then it is rebuilt). */
export async function readJsonCache<T extends { version: number }>(
  file: string,
  version: number,
  complete: (data: T) => boolean,
): Promise<{ data: T } | { missing: true } | { invalid: string }> {
  let raw: string;
  try {
    raw = await fs.readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { missing: true };
    return { invalid: `cannot be read (${(error as Error).message})` };
  }
  try {
    const data = JSON.parse(raw) as T;
    if (data?.version !== version) return { invalid: `is from another version (${String(data?.version)}, expected ${version})` };
    if (!complete(data)) return { invalid: 'is incomplete' };
    return { data };
  } catch (error) {
    return { invalid: `is corrupt (${(error as Error).message})` };
  }
}

export async function writeJsonAtomically(file: string, data: unknown): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.${Date.now()}.tmp`;
  try {
    await fs.writeFile(temp, JSON.stringify(data));
    await fs.rename(temp, file);
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw error;
  }
}
