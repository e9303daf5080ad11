/**
 * The names in the database backend: each article's recognized names (the slow part, done once by
 * the ingest for every window), the corpus's entities as the ingest resolved them, and where each
 * is mentioned. A window reads them into the typed arrays its entity index keeps (CorpusEntities takes
 * them before its own names cache), so hovers, the People view, person:/org: and stories are the same
 * in every window of a team.
 */
import { namesOf, type NamesCache } from '../entities/corpusEntities';
import { NamesByPath, type StoredEntityList, type StoredNames } from '../entities/storedNames';
import type { ArticleNames, ResolvedEntity } from '../entities/resolve';
import { sameStamp } from '../types';
import { copyLine } from './pgDocument';
import { schemaVersion } from './pgSchema';
import type { PathMapping } from './corpusSource';
import type { CorpusEngine } from '../engine/engine';
import { storedStamps, withIngestLock } from './pgIngest';
import { copyIn, copyLines, type SqlClient } from './sqlClient';
import { forEachRow, inReadSnapshot, inTransaction, notify } from './pgWrite';
import { NO_MENTIONS, type PackedMentions } from '../entities/mentionTable';
import { readStories, storiesToStore, STORIES_SCHEMA, writeStories, type StoriesToStore } from './pgStories';

/** The schema version that added the names' tables. */
const NAMES_SCHEMA = 2;
/** The schema version that keeps each article's mentions in one row (article_mentions). */
const MENTIONS_PER_ARTICLE_SCHEMA = 4;
/** Reading a page of names takes longer than a search may. */
const READ_TIMEOUT_MS = 60_000;
const READ_PAGE = 2_000;
const WRITE_TIMEOUT_MS = 600_000;

interface ResolutionRow {
  cache_version: number;
  model: string;
  overrides: string;
  resolution: NamesCache['resolution'];
  word_case: NamesCache['wordCase'] | null;
  story_dates: string | null;
}

/** The stored names keyed by the engine's paths, in the entity index's typed arrays; undefined when the ingest has not stored any. */
export async function readStoredNames(client: SqlClient, paths: PathMapping, pageSize = READ_PAGE): Promise<StoredNames | undefined> {
  const version = await schemaVersion(client);
  if (version < NAMES_SCHEMA) return undefined;
  const perArticle = version >= MENTIONS_PER_ARTICLE_SCHEMA;
  const withStories = version >= STORIES_SCHEMA;
  // Every page from one snapshot, even while an ingest writes. The locks come first: a snapshot
  // taken before an ingest's TRUNCATE would see the mentions table empty, not as it was.
  return inReadSnapshot(client, READ_TIMEOUT_MS, async () => {
    await client.query(
      `LOCK TABLE entity_resolution, article_names, ${perArticle ? 'article_mentions' : 'mentions'}${withStories ? ', stories' : ''} IN ACCESS SHARE MODE`,
    );
    const head = (
      await client.query<ResolutionRow>(
        `SELECT cache_version, model, overrides, resolution, word_case, ${withStories ? 'story_dates' : 'NULL AS story_dates'} FROM entity_resolution`,
      )
    ).rows[0];
    if (!head) return undefined;
    // The rows' own objects are garbage a page later: only the typed arrays grow.
    const files = new NamesByPath();
    const quads = perArticle
      ? 'LEFT JOIN article_mentions m USING (path)'
      : `LEFT JOIN LATERAL (SELECT string_agg(concat_ws(',', entity, paragraph, start_offset, end_offset), ',' ORDER BY ordinal) AS quads
                            FROM mentions WHERE mentions.path = n.path) m ON true`;
    // One statement read a page at a time: both tables walked once in path order (a query per page
    // scanned the whole mentions table for each page), and a large corpus's names are never all in
    // memory twice (as rows and as names).
    await forEachRow<{ path: string; size: string; mtime_ms: number; names: ArticleNames; quads: string | null }>(
      client,
      `SELECT n.path, n.size, n.mtime_ms, n.names, m.quads FROM article_names n ${quads} ORDER BY n.path`,
      (row) =>
        files.set(
          paths.toAbsolute(row.path),
          { size: Number(row.size), mtimeMs: row.mtime_ms },
          row.names,
          row.quads ? packedNumbersOf(row.quads) : NO_MENTIONS,
        ),
      pageSize,
    );
    files.trim();
    return {
      version: head.cache_version,
      model: head.model,
      overrides: head.overrides,
      resolution: head.resolution,
      wordCase: head.word_case ?? undefined,
      files,
      stories: await readStories(client, head.story_dates, paths, pageSize),
    };
  });
}

/**
 * The stored entity list alone: two small reads where all the names take seconds (at ×50, the
 * People view lists the corpus's people from this while a window reads its names). Undefined when
 * the ingest stored none.
 */
export async function readStoredEntityList(client: SqlClient): Promise<StoredEntityList | undefined> {
  if ((await schemaVersion(client)) < NAMES_SCHEMA) return undefined;
  const head = (
    await client.query<{ cache_version: number; model: string; overrides: string; entities: ResolvedEntity[] }>(
      `SELECT cache_version, model, overrides, resolution->'entities' AS entities FROM entity_resolution`,
    )
  ).rows[0];
  if (!head) return undefined;
  const counts = await client.query<{ number: number; article_count: number; mention_count: number }>(
    'SELECT number, article_count, mention_count FROM entities WHERE mention_count > 0 ORDER BY number',
  );
  const entities = counts.rows.flatMap(({ number, article_count, mention_count }) => {
    const entity = head.entities[number];
    return entity ? [{ ...entity, mentionCount: mention_count, articleCount: article_count }] : [];
  });
  return { version: head.cache_version, model: head.model, overrides: head.overrides, entities };
}

export interface NamesWriteReport {
  /** Articles whose names were written (recognized since the database last had them). */
  articles: number;
  entities: number;
  mentions: number;
  /** False when the database held these names already. */
  written: boolean;
  /** Whether the stories were written (with the names, or alone when only they differed). */
  storiesWritten: boolean;
}

/**
 * Stores what a build found, in one transaction: the names of articles the database lacks them for,
 * the resolution, every entity and mention, and the stories clustered from them (none when not
 * given: windows then cluster their own). Only names of the article versions the database holds
 * are kept (a file changed since its ingest waits for the next one). `stored`: what was read before.
 */
export async function writeStoredNames(
  client: SqlClient,
  cache: NamesCache,
  paths: PathMapping,
  stored?: StoredNames,
  stories?: StoriesToStore,
): Promise<NamesWriteReport> {
  const sameModel = stored !== undefined && stored.model === cache.model && stored.version === cache.version;
  const current = await storedStamps(client);
  const files = Object.entries(cache.files)
    .map(([absolute, entry]) => ({ relative: paths.toRelative(absolute), absolute, entry }))
    .filter(({ relative, entry }) => sameStamp(current.get(relative), entry));
  const fresh = files.filter(({ absolute, entry }) => !sameModel || !sameStamp(stored.files.stamp(absolute), entry));
  const resolutionSame =
    sameModel &&
    stored.overrides === cache.overrides &&
    stored.files.size === files.length &&
    JSON.stringify(stored.resolution) === JSON.stringify(cache.resolution);
  if (fresh.length === 0 && resolutionSame) {
    const storiesDiffer = stories !== undefined && stories.datesSignature !== stored.stories?.datesSignature;
    if (storiesDiffer)
      await inTransaction(client, async () => {
        await writeStories(client, stories);
        await notify(client, { changed: 0, removed: 0, names: true });
      });
    return { articles: 0, entities: cache.resolution.entities.length, mentions: 0, written: false, storiesWritten: storiesDiffer };
  }
  let mentionCount = 0;
  await inTransaction(client, async () => {
    // A window's connection limits statements to seconds; a large corpus's mentions take longer to copy.
    await client.query(`SET LOCAL statement_timeout = ${WRITE_TIMEOUT_MS}`);
    if (!sameModel) await client.query('TRUNCATE article_names');
    else await client.query('DELETE FROM article_names WHERE path = ANY($1::text[])', [fresh.map((f) => f.relative)]);
    await copyLines(
      client,
      'COPY article_names (path, size, mtime_ms, names) FROM STDIN',
      fresh.map(({ relative, entry }) => copyLine([relative, entry.size, entry.mtimeMs, JSON.stringify(namesOf(entry))])),
    );
    await client.query(
      `INSERT INTO entity_resolution (cache_version, model, overrides, resolution, word_case) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (only_row) DO UPDATE SET cache_version = $1, model = $2, overrides = $3, resolution = $4, word_case = $5`,
      [cache.version, cache.model, cache.overrides, JSON.stringify(cache.resolution), cache.wordCase ? JSON.stringify(cache.wordCase) : null],
    );
    await client.query('TRUNCATE entities, mentions, article_mentions');
    const counts = cache.resolution.entities.map(() => ({ mentions: 0, articles: 0 }));
    const mentionLines = function* (): Generator<string> {
      for (const { relative, entry } of files) {
        const seen = new Set<number>();
        for (let k = 0; k + 3 < entry.mentions.length; k += 4) {
          const entity = entry.mentions[k];
          yield copyLine([entity, relative, entry.mentions[k + 1], entry.mentions[k + 2], entry.mentions[k + 3], k / 4]);
          if (!counts[entity]) continue;
          counts[entity].mentions++;
          if (!seen.has(entity)) counts[entity].articles++;
          seen.add(entity);
        }
      }
    };
    mentionCount = await copyLines(client, 'COPY mentions (entity, path, paragraph, start_offset, end_offset, ordinal) FROM STDIN', mentionLines());
    await copyLines(
      client,
      'COPY article_mentions (path, quads) FROM STDIN',
      files.filter(({ entry }) => entry.mentions.length >= 4).map(({ relative, entry }) => copyLine([relative, entry.mentions.join(',')])),
    );
    await copyIn(
      client,
      'COPY entities (number, id, name, type, aliases, article_count, mention_count) FROM STDIN',
      cache.resolution.entities.map((e, i) => entityLine(e, i, counts[i])).join(''),
    );
    await writeStories(client, stories);
    await notify(client, { changed: 0, removed: 0, names: true });
  });
  await client.query('ANALYZE entities, mentions');
  return { articles: fresh.length, entities: cache.resolution.entities.length, mentions: mentionCount, written: true, storiesWritten: stories !== undefined };
}

export interface NamesPhaseReport {
  recognized: number;
  /** Articles whose names were taken as the database had them. */
  fromDatabase: number;
  entities: number;
  mentions: number;
  written: boolean;
  /** Stories of two articles or more, clustered here and stored for the windows. */
  stories: number;
  seconds: number;
}

/**
 * An ingest's second part: recognizes the names of the articles the database has none for, resolves
 * the corpus, clusters its stories, stores the result.
 */
export async function storeCorpusNames(
  engine: Pick<CorpusEngine, 'buildEntities' | 'entities' | 'stories' | 'articles'>,
  client: SqlClient,
  paths: PathMapping,
  onProgress?: (done: number, total: number) => void,
): Promise<NamesPhaseReport> {
  const started = performance.now();
  const stored = await readStoredNames(client, paths);
  const build = await engine.buildEntities({ preloaded: stored, onProgress });
  const snapshot = engine.entities.snapshot();
  const stories = engine.stories();
  const toStore = storiesToStore(stories, engine.articles(), paths);
  const written = snapshot ? await withIngestLock(client, () => writeStoredNames(client, snapshot, paths, stored, toStore)) : undefined;
  // Rows written in bulk are marked visible to all now, not by autovacuum while the first windows read them.
  if (written?.written) await client.query('VACUUM (ANALYZE) article_names, entities, mentions, article_mentions, stories');
  else if (written?.storiesWritten) await client.query('VACUUM (ANALYZE) stories');
  return {
    recognized: build.recognized,
    fromDatabase: build.fromCache,
    entities: written?.entities ?? 0,
    mentions: written?.mentions ?? 0,
    written: written?.written ?? false,
    stories: stories.length,
    seconds: Math.round(performance.now() - started) / 1000,
  };
}

/**
 * "3,0,12,20,…" as packed numbers, read digit by digit: a large corpus has millions, and a string
 * each would be garbage (an array of numbers takes twice the memory of the packed ones).
 */
export function packedNumbersOf(list: string): PackedMentions {
  let count = 1;
  for (let i = 0; i < list.length; i++) if (list.charCodeAt(i) === 44) count++;
  const numbers = new Int32Array(count);
  let value = 0;
  let sign = 1;
  let n = 0;
  for (let i = 0; i < list.length; i++) {
    const code = list.charCodeAt(i);
    if (code === 44) {
      numbers[n++] = sign * value;
      value = 0;
      sign = 1;
    } else if (code === 45) sign = -1;
    else value = value * 10 + code - 48;
  }
  numbers[n] = sign * value;
  return numbers;
}

function entityLine(entity: ResolvedEntity, number: number, counts: { mentions: number; articles: number }): string {
  return copyLine([number, entity.id, entity.name, entity.type, arrayLiteral(entity.aliases), counts.articles, counts.mentions]);
}

/** A text[] literal: every element quoted, its quotes and backslashes escaped. */
export function arrayLiteral(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`;
}
