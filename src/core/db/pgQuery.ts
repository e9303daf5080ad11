/**
 * The query language in SQL, with the embedded engine's meaning: a word is matched whole, as a
 * prefix when it is the last one being typed, and with typos (edit distance 1 from 4 letters, 2
 * from 6) when the corpus does not know it; a phrase is its words next to each other in the title
 * or one paragraph; OR, -exclusions, source: and date: as in src/core/search/query.ts. Typo
 * tolerance reads the vocabulary table first (one round trip), then everything is one tsquery.
 * Every value travels as a parameter; the tsquery text is built from quoted lexemes only.
 */
import type { SqlClient } from './sqlClient';
import { rangeDaySpan } from '../articleDate';
import type { Clause, ParsedQuery } from '../search/query';
import { fuzziness } from '../search/searchIndex';
import { quoteLexeme } from './pgDocument';

/** PostgreSQL's levenshtein takes words of at most 255 characters. */
const MAX_FUZZY_LENGTH = 250;

interface Lookup {
  word: string;
  prefix: boolean;
  /** Words of the corpus within the typo distance, when the word itself is unknown. */
  typos: string[];
}

/** Each term of the query that may be fuzzed, keyed by word and prefix-ness. */
type Lookups = Map<string, Lookup>;

const lookupKey = (word: string, prefix: boolean) => `${prefix ? 'p' : 'w'}:${word}`;

function collect(query: ParsedQuery, typing: boolean): Lookups {
  const lookups: Lookups = new Map();
  const add = (clause: Clause, prefix: boolean) => {
    if (clause.kind === 'term' && !clause.exact && fuzziness(clause.text) !== false && clause.text.length <= MAX_FUZZY_LENGTH)
      lookups.set(lookupKey(clause.text, prefix), { word: clause.text, prefix, typos: [] });
    if (clause.kind === 'or') clause.options.forEach((o) => add(o, false));
  };
  const last = query.clauses.length - 1;
  query.clauses.forEach((c, i) => add(c, typing && i === last && c.kind === 'term'));
  return lookups;
}

/** Which words the corpus does not know (as a prefix while typing), and their typo matches. */
async function resolveTypos(client: SqlClient, lookups: Lookups): Promise<void> {
  if (lookups.size === 0) return;
  const list = [...lookups.values()];
  const known = await client.query<{ i: number; known: boolean }>(
    `SELECT q.i::int, EXISTS (SELECT 1 FROM vocabulary v WHERE v.term = q.word OR (q.prefix AND v.term >= q.word AND v.term < q.word || chr(1114111) AND starts_with(v.term, q.word))) AS known
     FROM unnest($1::text[], $2::bool[]) WITH ORDINALITY AS q(word, prefix, i)`,
    [list.map((l) => l.word), list.map((l) => l.prefix)],
  );
  const unknown = known.rows.filter((r) => !r.known).map((r) => list[r.i - 1]);
  if (unknown.length === 0) return;
  const typos = await client.query<{ i: number; term: string }>(
    `SELECT q.i::int, v.term FROM unnest($1::text[], $2::int[]) WITH ORDINALITY AS q(word, distance, i)
     JOIN vocabulary v ON length(v.term) BETWEEN length(q.word) - q.distance AND length(q.word) + q.distance
      AND length(v.term) <= 255 AND levenshtein_less_equal(v.term, q.word, q.distance) <= q.distance`,
    [unknown.map((l) => l.word), unknown.map((l) => fuzziness(l.word) as number)],
  );
  for (const row of typos.rows) if (row.term !== unknown[row.i - 1].word) unknown[row.i - 1].typos.push(row.term);
}

/** A phrase's words next to each other in the title (A) or the text (D), not the source (B). */
function phraseQuery(words: string[]): string {
  return `(${words.map((w) => `${quoteLexeme(w)}:AD`).join(' <-> ')})`;
}

function allWords(words: string[]): string {
  return `(${words.map(quoteLexeme).join(' & ')})`;
}

/**
 * Two forms of the matching condition: `precise` (phrases by position) and `loose` (a phrase's
 * words anywhere): a row whose positions were cut is matched loosely and its text checked after.
 */
export interface TextMatch {
  precise: string | null;
  loose: string | null;
  /**
   * The excluded phrases, matched apart: the few articles holding one are found through the index
   * and left out, where a `!phrase` in the query would read the positions of every candidate.
   */
  excludedPhrases: string | null;
  /** Words to mark in snippets: the query's words, prefixes and typo matches. */
  highlight: string[];
}

function termMatch(clause: Extract<Clause, { kind: 'term' }>, prefix: boolean, lookups: Lookups): string {
  if (clause.exact) return quoteLexeme(clause.text);
  const own = prefix ? `${quoteLexeme(clause.text)}:*` : quoteLexeme(clause.text);
  const typos = lookups.get(lookupKey(clause.text, prefix))?.typos ?? [];
  return typos.length === 0 ? own : `(${[own, ...typos.map(quoteLexeme)].join(' | ')})`;
}

function clauseMatch(clause: Clause, prefix: boolean, lookups: Lookups, precise: boolean): string {
  switch (clause.kind) {
    case 'term':
      return termMatch(clause, prefix, lookups);
    case 'phrase':
      return precise ? phraseQuery(clause.words) : allWords(clause.words);
    case 'or': {
      const candidates = `(${clause.options.map((o) => clauseMatch(o, false, lookups, false)).join(' | ')})`;
      if (!precise || !clause.options.some((o) => o.kind === 'phrase')) return candidates;
      return `(${candidates} & (${clause.options.map(inTitleOrText).join(' | ')}))`;
    }
  }
}

/**
 * An OR with a phrase is checked in the title and text option by option, as the embedded engine
 * does: a phrase by position, a word as the start of a word (no typos there).
 */
function inTitleOrText(option: Clause): string {
  if (option.kind === 'phrase') return phraseQuery(option.words);
  if (option.kind === 'term') return `${quoteLexeme(option.text)}:*AD`;
  return `(${option.options.map(inTitleOrText).join(' | ')})`;
}

export async function textMatch(client: SqlClient, query: ParsedQuery, typing: boolean): Promise<TextMatch> {
  const lookups = collect(query, typing);
  await resolveTypos(client, lookups);
  const last = query.clauses.length - 1;
  const build = (precise: boolean) => {
    const parts = query.clauses.map((c, i) => clauseMatch(c, typing && i === last && c.kind === 'term', lookups, precise));
    for (const excluded of query.excluded) if (excluded.kind === 'term') parts.push(`!${quoteLexeme(excluded.text)}`);
    return parts.length > 0 ? parts.join(' & ') : null;
  };
  const phrases = query.excluded.filter((c) => c.kind !== 'term').map((c) => clauseMatch(c, false, lookups, true));
  const highlight = [...lookups.values()].flatMap((l) => l.typos);
  return { precise: build(true), loose: build(false), excludedPhrases: phrases.length > 0 ? phrases.join(' | ') : null, highlight };
}

/** The WHERE clause of source:, date: and the entity filters' paths; parameters numbered after `first`. */
export function filterSql(query: ParsedQuery, onlyPaths: string[] | undefined, first: number): { sql: string[]; params: unknown[] } {
  const sql: string[] = [];
  const params: unknown[] = [];
  const param = (value: unknown) => {
    params.push(value);
    return `$${first + params.length - 1}`;
  };
  if (query.sources.length > 0) sql.push(`(${query.sources.map((s) => `strpos(source_key, ${param(s)}) > 0`).join(' OR ')})`);
  if (query.dates.length > 0) {
    const spans = query.dates.map(rangeDaySpan);
    sql.push(`(${spans.map((d) => `(day_from <= ${param(d.last)} AND day_to >= ${param(d.first)})`).join(' OR ')})`);
  }
  if (onlyPaths) sql.push(`path = ANY(${param(onlyPaths)}::text[])`);
  return { sql, params };
}
