/**
 * The search index on disk: minisearch's own JSON, with the file stamp of every article it indexed,
 * so a session can tell which articles changed after the index was saved and re-index just those.
 */
import { promises as fs } from 'node:fs';
import { setImmediate as yieldToEvents } from 'node:timers/promises';
import * as path from 'node:path';
import type MiniSearch from 'minisearch';
import { signatureChange } from '../../ingest/articleFiles';
import { writeJsonAtomically } from './jsonFiles';
import { SearchIndex, type IndexedCorpus } from '../../search/searchIndex';
import type { ArticleRecordLike } from '../backend';

/** Bump when the index layout or the tokenizer changes. */
export const INDEX_VERSION = 1;
const INDEX_FILE = 'index.json';

interface IndexFile {
  version: number;
  signature: string;
  paths: string[];
  sizes: number[];
  mtimes: number[];
  mini: ReturnType<MiniSearch['toJSON']>;
}

/** The file stamps the saved index was made from. */
export type IndexedStamps = Map<string, { size: number; mtimeMs: number }>;

export type IndexRead = { index: SearchIndex; stamps: IndexedStamps } | { missing: true } | { invalid: string };

export function indexFilePath(dir: string): string {
  return path.join(dir, INDEX_FILE);
}

/** Size of the saved index, to estimate the memory loading it takes (undefined when there is none). */
export async function indexFileBytes(dir: string): Promise<number | undefined> {
  return fs.stat(indexFilePath(dir)).then(
    (s) => s.size,
    () => undefined,
  );
}

/** `onProgress` gets 0..1 between the steps: reading the file, parsing it, loading minisearch's terms (each in one go). */
export async function readIndexFile(dir: string, signature: string, corpus: IndexedCorpus, onProgress: (share: number) => void): Promise<IndexRead> {
  let raw: string;
  try {
    raw = await fs.readFile(indexFilePath(dir), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? { missing: true } : { invalid: `cannot be read (${(error as Error).message})` };
  }
  onProgress(0.2);
  await yieldToEvents();
  let file: IndexFile;
  try {
    file = JSON.parse(raw) as IndexFile;
  } catch (error) {
    return { invalid: `is corrupt (${(error as Error).message})` };
  }
  raw = '';
  if (file?.version !== INDEX_VERSION) return { invalid: `is from another version (${String(file?.version)}, expected ${INDEX_VERSION})` };
  if (file.signature !== signature) return { invalid: signatureChange(file.signature, signature) };
  if (!Array.isArray(file.paths) || !Array.isArray(file.mini?.index)) return { invalid: 'is incomplete' };
  const stamps: IndexedStamps = new Map(file.paths.map((p, i) => [p, { size: file.sizes[i], mtimeMs: file.mtimes[i] }]));
  onProgress(0.5);
  await yieldToEvents();
  try {
    const index = SearchIndex.fromJS(corpus, file.mini);
    onProgress(1);
    return { index, stamps };
  } catch (error) {
    return { invalid: `cannot be loaded (${(error as Error).message})` };
  }
}

/** Saves the index with the stamps of the records it was built from (they must be in step with it). */
export function writeIndexFile(dir: string, signature: string, index: SearchIndex, records: Iterable<ArticleRecordLike>): Promise<void> {
  const list = [...records];
  const file: IndexFile = {
    version: INDEX_VERSION,
    signature,
    paths: list.map((r) => r.path),
    sizes: list.map((r) => r.size),
    mtimes: list.map((r) => r.mtimeMs),
    mini: index.toJSON(),
  };
  return writeJsonAtomically(indexFilePath(dir), file);
}
