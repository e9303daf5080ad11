/**
 * The database backend's writes, each batch one transaction: rows copied in, the vocabulary (every
 * word some article holds, for typo tolerance) kept exact, the change announced on a channel so
 * other windows refresh. Used by the ingest and by the extension's file watcher.
 */
import type { QueryResultRow } from 'pg';
import { copyIn, type SqlClient } from './sqlClient';
import { BinaryCopyWriter } from './binaryCopy';
import { ARTICLE_COLUMNS, quoteLexeme, writeRow, type ArticleRow } from './pgDocument';
import { WordDictionary } from './tsvector';

/** The channel a committed change is announced on (payload: JSON of IngestNotice). */
export const CHANGES_CHANNEL = 'corpus_lens_changes';
/** Paths named in a notice; past this many it says only how many (a NOTIFY payload stays under 8 kB). */
const NOTICE_PATHS = 40;

export interface IngestNotice {
  changed: number;
  removed: number;
  paths?: string[];
  /** The names (entities and mentions) were written again. */
  names?: boolean;
}

/**
 * The words the database's vocabulary holds, as far as this writer knows (an ingest reads them once):
 * a batch inserts only words it has not seen, so a corpus of known words costs no vocabulary writes.
 */
export type KnownWords = WordDictionary;

export async function knownWords(client: SqlClient): Promise<KnownWords> {
  const rows = await client.query<{ term: string }>('SELECT term FROM vocabulary');
  return new WordDictionary(rows.rows.map((r) => r.term));
}

/**
 * One transaction: the old versions deleted, the rows copied in, the vocabulary made exact, the
 * change announced; returns the words that left the vocabulary. `newWords`: the words of the rows
 * the vocabulary may lack (by default each row's own `newWords`; see restoreWords).
 */
export async function writeBatch(client: SqlClient, rows: ArticleRow[], replaced: string[], known?: KnownWords, newWords?: string[]): Promise<string[]> {
  const words = newWords ?? [...new Set(rows.flatMap((r) => r.newWords))];
  return inTransaction(client, async () => {
    const goneWords = replaced.length > 0 ? await deleteRows(client, replaced) : [];
    await copyRows(client, rows);
    if (words.length > 0) await client.query('INSERT INTO vocabulary (term) SELECT unnest($1::text[]) ON CONFLICT DO NOTHING', [words]);
    let pruned: string[] = [];
    if (goneWords.length > 0) {
      const kept = new Set(rows.flatMap((r) => r.lexemes));
      pruned = await pruneWords(
        client,
        goneWords.filter((w) => !kept.has(w)),
        known,
      );
    }
    await notify(client, { changed: rows.length, removed: 0, paths: rows.length <= NOTICE_PATHS ? rows.map((r) => r.path) : undefined });
    return pruned;
  });
}

/**
 * Puts back the words some article holds again. A batch's new words are found while the batch
 * before it is written: a word that batch removed from the vocabulary (its last article changed)
 * was still known then, so a later article that holds it did not add it back.
 */
export async function restoreWords(client: SqlClient, words: string[], known?: KnownWords): Promise<void> {
  if (words.length === 0) return;
  const restored = await client.query<{ term: string }>(
    `INSERT INTO vocabulary (term) SELECT c.term FROM unnest($1::text[], $2::tsquery[]) AS c(term, query)
     WHERE EXISTS (SELECT 1 FROM articles a WHERE a.terms @@ c.query) ON CONFLICT DO NOTHING RETURNING term`,
    [words, words.map(quoteLexeme)],
  );
  for (const row of restored.rows) known?.add(row.term);
}

/** Writes articles the extension read (its file watcher), replacing those already stored. */
export async function writeArticles(client: SqlClient, rows: ArticleRow[]): Promise<void> {
  const existing = await client.query<{ path: string }>('SELECT path FROM articles WHERE path = ANY($1::text[])', [rows.map((r) => r.path)]);
  await writeBatch(
    client,
    rows,
    existing.rows.map((r) => r.path),
  );
}

/** Deletes articles that left the corpus, in one transaction. */
export async function removeArticles(client: SqlClient, paths: string[], known?: KnownWords): Promise<void> {
  await inTransaction(client, async () => {
    await pruneWords(client, await deleteRows(client, paths), known);
    await notify(client, { changed: 0, removed: paths.length, paths: paths.length <= NOTICE_PATHS ? paths : undefined });
  });
}

export async function inTransaction<T>(client: SqlClient, work: () => Promise<T>): Promise<T> {
  await client.query('BEGIN');
  try {
    const result = await work();
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}

/** `work` in one read-only snapshot (every page of a long read sees the same rows while an ingest writes), each statement allowed `timeoutMs`. */
export function inReadSnapshot<T>(client: SqlClient, timeoutMs: number, work: () => Promise<T>): Promise<T> {
  return inTransaction(client, async () => {
    await client.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
    await client.query(`SET LOCAL statement_timeout = ${Math.floor(timeoutMs)}`);
    return work();
  });
}

/**
 * Walks one SELECT through a cursor, `pageSize` rows at a time (in the caller's transaction): a large
 * table is never all in memory as rows. Stops early when `isCurrent` turns false.
 */
export async function forEachRow<R extends QueryResultRow>(
  client: SqlClient,
  select: string,
  visit: (row: R) => void,
  pageSize: number,
  isCurrent: () => boolean = () => true,
): Promise<void> {
  const limit = Math.max(1, Math.floor(pageSize));
  await client.query(`DECLARE rows_in_pages NO SCROLL CURSOR FOR ${select}`);
  while (isCurrent()) {
    const page = await client.query<R>(`FETCH ${limit} FROM rows_in_pages`);
    for (const row of page.rows) visit(row);
    if (page.rows.length < limit) break;
  }
  await client.query('CLOSE rows_in_pages');
}

/** Deletes the rows; returns the words they held (each once). */
async function deleteRows(client: SqlClient, paths: string[]): Promise<string[]> {
  const gone = await client.query<{ lexeme: string }>(
    `WITH gone AS (DELETE FROM articles WHERE path = ANY($1::text[]) RETURNING terms)
     SELECT DISTINCT unnest(tsvector_to_array(gone.terms)) AS lexeme FROM gone`,
    [paths],
  );
  return gone.rows.map((r) => r.lexeme);
}

function copyRows(client: SqlClient, rows: ArticleRow[]): Promise<void> {
  const copy = new BinaryCopyWriter();
  for (const row of rows) writeRow(copy, row);
  return copyIn(client, `COPY articles (${ARTICLE_COLUMNS}) FROM STDIN (FORMAT binary)`, copy.finish());
}

/** Words no article holds any more leave the vocabulary (else a typo near them would not be corrected as the embedded engine does). */
async function pruneWords(client: SqlClient, candidates: string[], known?: KnownWords): Promise<string[]> {
  if (candidates.length === 0) return [];
  const pruned = await client.query<{ term: string }>(
    `DELETE FROM vocabulary v USING unnest($1::text[], $2::tsquery[]) AS c(term, query)
     WHERE v.term = c.term AND NOT EXISTS (SELECT 1 FROM articles a WHERE a.terms @@ c.query) RETURNING v.term`,
    [candidates, candidates.map(quoteLexeme)],
  );
  for (const row of pruned.rows) known?.delete(row.term);
  return pruned.rows.map((row) => row.term);
}

/** Announces a committed change on the changes channel. */
export async function notify(client: SqlClient, notice: IngestNotice): Promise<void> {
  await client.query('SELECT pg_notify($1, $2)', [CHANGES_CHANNEL, JSON.stringify(notice)]);
}
