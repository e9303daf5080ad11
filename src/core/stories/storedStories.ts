/**
 * Stories clustered once, by the database ingest, and stored beside the names: a window whose
 * articles have the names and the dates the ingest clustered them with takes them as they are,
 * instead of clustering the corpus itself (n·log n: about 30 s of the engine's thread for 111,000
 * distinct articles, in every window that opens).
 */
import { createHash } from 'node:crypto';
import { storiesOf, type Story } from './stories';

/** Where the entity index keeps them (keepUntilChanged): until they are taken, or the index changes. */
export const STORED_STORIES = 'stored-stories';

export interface StoredStories {
  /** What the stories were clustered with: every article's path (as the database writes it) and date. */
  datesSignature: string;
  /** Each story's articles, by this window's paths. */
  groups: string[][];
  /** This window's path as the database writes it. */
  toRelative(absolute: string): string;
}

/** A hash of every article's path and date, in path order: two corpora with the same give the same stories from the same names. */
export function datesSignature(articles: Iterable<{ path: string; date: string | null }>, toRelative: (absolute: string) => string): string {
  const lines = [...articles].map((a) => `${toRelative(a.path)}\t${a.date ?? ''}\n`).sort();
  const hash = createHash('sha1');
  for (const line of lines) hash.update(line);
  return hash.digest('hex');
}

/** The stored stories, when these articles are the ones they were clustered with; else undefined (the window clusters them). */
export function storedStoriesFor(stored: StoredStories, articles: readonly { path: string; date: string | null }[]): Story[] | undefined {
  return datesSignature(articles, stored.toRelative) === stored.datesSignature ? storiesOf(stored.groups) : undefined;
}
