/**
 * The database backend's tables, in numbered migrations: a database is brought up to the newest
 * version by the ingest role (which owns the tables), once, under an advisory lock so that two
 * ingests starting together do not both migrate. The reader role (the extension's) gets SELECT only.
 */
import { quoteIdentifier, type SqlClient } from './sqlClient';

/** Where the schema version is kept: one row. */
const VERSION_TABLE = 'corpus_lens_schema';
/** Any number only Corpus Lens uses: the advisory lock that serialises migrations. */
const MIGRATION_LOCK = 0x436f7270;

/**
 * Dates and terms are compared as bytes (COLLATE "C"): a locale collation may ignore the hyphens of
 * 2004-06-31 or order words differently from the embedded engine.
 */
const MIGRATIONS: string[] = [
  // toast_tuple_target: the text and the tsvector are stored apart from the row, so counting,
  // faceting and the first ranking of thousands of hits read small rows (the title stays in them).
  `CREATE EXTENSION IF NOT EXISTS fuzzystrmatch;
   CREATE TABLE articles (
     path text COLLATE "C" PRIMARY KEY,
     title text NOT NULL,
     source text,
     date text,
     size bigint NOT NULL,
     mtime_ms double precision NOT NULL,
     source_key text NOT NULL,
     source_label text NOT NULL,
     year_label text NOT NULL,
     day_from text COLLATE "C",
     day_to text COLLATE "C",
     paragraphs jsonb NOT NULL,
     text_bytes integer NOT NULL,
     terms tsvector NOT NULL,
     title_terms tsvector NOT NULL,
     long_text boolean NOT NULL
   ) WITH (toast_tuple_target = 128);
   ALTER TABLE articles ALTER title SET STORAGE MAIN, ALTER title_terms SET STORAGE MAIN;
   DO $$ BEGIN
     -- lz4 where the server has it: faster to write and to read back than the default (pglz).
     IF EXISTS (SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY (enumvals)) THEN
       ALTER TABLE articles ALTER terms SET COMPRESSION lz4, ALTER paragraphs SET COMPRESSION lz4;
     END IF;
   END $$;
   CREATE INDEX articles_terms ON articles USING gin (terms) WITH (gin_pending_list_limit = 65536);
   -- The few articles whose phrases are checked in their text are found without reading the others.
   CREATE INDEX articles_long_text ON articles (path) WHERE long_text;
   CREATE TABLE vocabulary (term text COLLATE "C" PRIMARY KEY);
   CREATE INDEX vocabulary_length ON vocabulary (length(term));`,
  // The names: what the recognizer found in each article (recognized once, by the ingest, for every
  // window), the corpus's entities as the ingest resolved them, and where each is mentioned.
  // An article's names go with it (a changed article is recognized again).
  `CREATE TABLE article_names (
     path text COLLATE "C" PRIMARY KEY REFERENCES articles (path) ON DELETE CASCADE,
     size bigint NOT NULL,
     mtime_ms double precision NOT NULL,
     names jsonb NOT NULL
   );
   CREATE TABLE entity_resolution (
     only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
     cache_version integer NOT NULL,
     model text NOT NULL,
     overrides text NOT NULL,
     resolution jsonb NOT NULL,
     word_case jsonb
   );
   CREATE TABLE entities (
     number integer PRIMARY KEY,
     id text COLLATE "C" NOT NULL UNIQUE,
     name text NOT NULL,
     type text NOT NULL,
     aliases text[] NOT NULL,
     article_count integer NOT NULL,
     mention_count integer NOT NULL
   );
   CREATE TABLE mentions (
     entity integer NOT NULL,
     path text COLLATE "C" NOT NULL,
     paragraph integer NOT NULL,
     start_offset integer NOT NULL,
     end_offset integer NOT NULL,
     -- The mention's place among its article's (the order the engine found them in).
     ordinal integer NOT NULL
   );
   CREATE INDEX mentions_entity ON mentions (entity, path);
   CREATE INDEX mentions_path ON mentions (path);`,
  // The parsing rules that read each article: rows read by older rules are read again by the next ingest.
  `ALTER TABLE articles ADD COLUMN parse_rules integer NOT NULL DEFAULT 0;`,
  // A window reads every article's names and mentions when it opens: the names as the JSON text they
  // were written in (jsonb is turned back into text for each read, three times slower), and each
  // article's mentions in one row, as a window takes them (instead of aggregating the mentions table).
  `ALTER TABLE article_names ALTER names TYPE json USING names::json;
   CREATE TABLE article_mentions (
     path text COLLATE "C" PRIMARY KEY,
     -- entity, paragraph, start, end of each mention, in the article's order, comma-separated.
     quads text NOT NULL
   );
   INSERT INTO article_mentions
     SELECT path, string_agg(concat_ws(',', entity, paragraph, start_offset, end_offset), ',' ORDER BY ordinal) FROM mentions GROUP BY path;`,
  // The stories the ingest clustered (each article of a story of two or more, with the story's number),
  // and what they were clustered with (a hash of every article's path and date): a window with the
  // same articles, names and dates takes them instead of clustering the corpus itself.
  `CREATE TABLE stories (
     path text COLLATE "C" PRIMARY KEY,
     story integer NOT NULL
   );
   ALTER TABLE entity_resolution ADD COLUMN story_dates text;`,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

export async function schemaVersion(client: SqlClient): Promise<number> {
  const exists = await client.query(`SELECT to_regclass($1) IS NOT NULL AS present`, [VERSION_TABLE]);
  if (!exists.rows[0].present) return 0;
  const row = await client.query(`SELECT version FROM ${VERSION_TABLE}`);
  return row.rows[0]?.version ?? 0;
}

/** Brings the database to SCHEMA_VERSION; a database newer than this code is refused with a message. */
export async function migrate(client: SqlClient): Promise<void> {
  await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
  try {
    const from = await schemaVersion(client);
    if (from > SCHEMA_VERSION)
      throw new Error(`The database's schema is version ${from}, newer than this Corpus Lens (${SCHEMA_VERSION}): update the extension.`);
    if (from === SCHEMA_VERSION) return;
    await client.query('BEGIN');
    try {
      if (from === 0) await client.query(`CREATE TABLE ${VERSION_TABLE} (version integer NOT NULL); INSERT INTO ${VERSION_TABLE} VALUES (0)`);
      for (let version = from; version < SCHEMA_VERSION; version++) await client.query(MIGRATIONS[version]);
      await client.query(`UPDATE ${VERSION_TABLE} SET version = $1`, [SCHEMA_VERSION]);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
  }
}

/** Lets a role read every table (now and after later migrations by the ingest role), and nothing else. */
export async function grantReader(client: SqlClient, reader: string): Promise<void> {
  const role = quoteIdentifier(reader);
  await client.query(`GRANT USAGE ON SCHEMA public TO ${role}; GRANT SELECT ON ALL TABLES IN SCHEMA public TO ${role};
    ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO ${role}`);
}
