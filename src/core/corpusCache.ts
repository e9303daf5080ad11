/**
 * The on-disk cache of parsed articles and the search index, keyed by each file's path, size and
 * mtime. Written atomically (temp file, then rename); a corrupt or old cache is rebuilt.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { SerializedIndex } from './search/searchIndex';
import type { Article } from './types';

/** Bump when Article, parsing rules or the index layout change: an old cache is then rebuilt. */
export const CACHE_VERSION = 4;

export interface CacheData {
  version: number;
  articles: Article[];
  index: SerializedIndex;
}

export type CacheRead = { data: CacheData } | { missing: true } | { invalid: string };

export async function readCache(file: string): Promise<CacheRead> {
  let raw: string;
  try {
    raw = await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { missing: true };
    return { invalid: `cannot be read (${(error as Error).message})` };
  }
  try {
    const data = JSON.parse(raw) as CacheData;
    if (data?.version !== CACHE_VERSION) return { invalid: `is from another version (${String(data?.version)}, expected ${CACHE_VERSION})` };
    if (!Array.isArray(data.articles) || typeof data.index?.data !== 'object' || !Array.isArray(data.index.ids)) return { invalid: 'is incomplete' };
    return { data };
  } catch (error) {
    return { invalid: `is corrupt (${(error as Error).message})` };
  }
}

export async function writeCache(file: string, data: CacheData): Promise<void> {
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
