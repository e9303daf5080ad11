/**
 * The stories in the database: clustered once by the ingest from the names it stored, and read by a
 * window with those names (pgNames.ts), which takes them when its articles and dates are the ones they
 * were clustered with (stories/storedStories.ts).
 */
import type { StoryInfo } from '../stories/corpusStories';
import { datesSignature, type StoredStories } from '../stories/storedStories';
import type { ArticleSummary } from '../types';
import type { PathMapping } from './corpusSource';
import { copyLine } from './pgDocument';
import { copyLines, type SqlClient } from './sqlClient';
import { forEachRow } from './pgWrite';

/** The schema version that added the stories table. */
export const STORIES_SCHEMA = 5;

/** What the ingest writes: each story's articles (database paths) and the articles' dates they were clustered with. */
export interface StoriesToStore {
  datesSignature: string;
  groups: string[][];
}

export function storiesToStore(stories: readonly StoryInfo[], articles: readonly ArticleSummary[], paths: PathMapping): StoriesToStore {
  return {
    datesSignature: datesSignature(articles, paths.toRelative),
    groups: stories.map((story) => story.articles.map((a) => paths.toRelative(a.path))),
  };
}

/** Replaces the stored stories (in the caller's transaction); `stories` undefined: none are stored (windows cluster their own). */
export async function writeStories(client: SqlClient, stories: StoriesToStore | undefined): Promise<void> {
  await client.query('TRUNCATE stories');
  await client.query('UPDATE entity_resolution SET story_dates = $1', [stories?.datesSignature ?? null]);
  if (!stories) return;
  const lines = function* (): Generator<string> {
    for (let story = 0; story < stories.groups.length; story++) for (const path of stories.groups[story]) yield copyLine([path, story]);
  };
  await copyLines(client, 'COPY stories (path, story) FROM STDIN', lines());
}

/** The stored stories by this window's paths (in the caller's read snapshot), when the ingest stored any. */
export async function readStories(client: SqlClient, datesSignature: string | null, paths: PathMapping, pageSize: number): Promise<StoredStories | undefined> {
  if (datesSignature === null) return undefined;
  const groups: string[][] = [];
  await forEachRow<{ story: number; path: string }>(
    client,
    'SELECT story, path FROM stories ORDER BY story, path',
    (row) => (groups[row.story] ??= []).push(paths.toAbsolute(row.path)),
    pageSize,
  );
  return { datesSignature, groups: groups.filter((group) => group !== undefined), toRelative: paths.toRelative };
}
