/**
 * The articles a database holds, read back for a window that has none yet (a first opening): each as
 * the ingest read it (title, source, date, paragraphs with their lines), so that the window need not
 * parse every file of a corpus the database already has. Only rows read by this version's parsing
 * rules are taken; the caller checks each against its file.
 */
import { PARSE_RULES } from '../ingest/articleFiles';
import type { Article, Paragraph } from '../types';
import type { PathMapping } from './corpusSource';
import { forEachRow, inReadSnapshot } from './pgWrite';
import type { SqlClient } from './sqlClient';

const READ_PAGE = 1_000;
/** Reading a page of articles may take longer than a search may. */
const READ_TIMEOUT_MS = 60_000;

interface ArticleTextRow {
  path: string;
  title: string;
  source: string | null;
  date: string | null;
  size: string;
  mtime_ms: number;
  paragraphs: Paragraph[];
}

/**
 * Every stored article read by this version's rules, a page at a time from one snapshot, in path
 * order; `visit` gets each with its absolute path. Stops early when `isCurrent` turns false.
 */
export async function readStoredArticles(
  client: SqlClient,
  paths: PathMapping,
  visit: (article: Article) => void,
  isCurrent: () => boolean,
  pageSize = READ_PAGE,
): Promise<void> {
  // PARSE_RULES is this build's own whole number.
  const select = `SELECT path, title, source, date, size, mtime_ms, paragraphs FROM articles WHERE parse_rules = ${PARSE_RULES} ORDER BY path`;
  const take = (row: ArticleTextRow) => {
    const { title, source, date, paragraphs } = row;
    visit({ path: paths.toAbsolute(row.path), title, source, date, paragraphs, size: Number(row.size), mtimeMs: row.mtime_ms });
  };
  await inReadSnapshot(client, READ_TIMEOUT_MS, () => forEachRow(client, select, take, pageSize, isCurrent));
}
