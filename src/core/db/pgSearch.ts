/**
 * Search on the database backend, with the embedded engine's results: the same hit sets (the
 * agreement test checks it), facets counted in SQL, snippets made by the same code from the top
 * hits' paragraphs. Paths in the database are relative to the corpus folder; the engine's are
 * absolute, so they are turned at this boundary.
 */
import * as path from 'node:path';
import type { SqlClient } from './sqlClient';
import type { ParsedQuery } from '../search/query';
import {
  clauseWords,
  ENTITY_FACET_ARTICLES,
  needsText,
  phrasesMatch,
  sortedFacet,
  type Hit,
  type SearchOptions,
  type SearchResults,
} from '../search/searchIndex';
import { makeSnippet } from '../search/snippet';
import type { Paragraph } from '../types';
import { filterSql, textMatch, type TextMatch } from './pgQuery';

/**
 * Ranking reads each hit's whole tsvector: of many hits, only this many are ranked, those whose
 * title ranks best (then the shortest); the rest follow unranked. Fewer hits are all ranked (the
 * candidates are cut without a tiebreak by path: comparing paths of thousands of equal hits costs more
 * than the rest of the search).
 */
const RANKED_CANDIDATES = 300;

interface Where {
  sql: string;
  params: unknown[];
  /** The full rank (of a candidate `a`) and the cheap one from the title alone. */
  rank: string;
  titleRank: string;
}

/** A query longer than this is refused before it reaches the database. */
export const MAX_QUERY_CHARS = 2_000;

interface TopRow {
  path: string;
  score: number;
}

interface Summary {
  total: number;
  sources: [string, number][] | null;
  years: [string, number][] | null;
  top: TopRow[] | null;
}

interface ArticleText {
  path: string;
  title: string;
  source: string | null;
  date: string | null;
  paragraphs: Paragraph[];
}

export class PgSearch {
  constructor(
    /** The corpus folder the database's relative paths are under. */
    private readonly root: string,
  ) {}

  private relative(absolute: string): string {
    return path.relative(this.root, absolute).split(path.sep).join('/');
  }

  private absolute(relative: string): string {
    return path.join(this.root, ...relative.split('/'));
  }

  async search(client: SqlClient, query: ParsedQuery, limit: number, options: SearchOptions = {}): Promise<SearchResults> {
    const match = await textMatch(client, query, options.typing ?? false);
    const onlyPaths = options.onlyPaths && [...options.onlyPaths].map((p) => this.relative(p));
    const where = await this.whereClause(client, query, match, onlyPaths);
    // Interpolated into the SQL below: a whole number whatever the caller passed.
    const topCount = Math.max(Math.floor(limit) || 0, options.entityFacets ? ENTITY_FACET_ARTICLES : 0);
    const candidates = Math.max(topCount, RANKED_CANDIDATES);
    const summary = await client.query<Summary>(
      `WITH matched AS MATERIALIZED (SELECT path, source_label, year_label, text_bytes, ${where.titleRank} AS title_score FROM articles WHERE ${where.sql}),
         candidates AS (SELECT path FROM matched ORDER BY title_score DESC, text_bytes LIMIT ${candidates}),
         top AS (SELECT a.path, ${where.rank} AS score FROM articles a JOIN candidates USING (path) ORDER BY score DESC, a.path LIMIT ${topCount})
       SELECT (SELECT count(*)::int FROM matched) AS total,
         (SELECT json_agg(json_build_array(source_label, n)) FROM (SELECT source_label, count(*)::int AS n FROM matched GROUP BY 1) s) AS sources,
         (SELECT json_agg(json_build_array(year_label, n)) FROM (SELECT year_label, count(*)::int AS n FROM matched GROUP BY 1) y) AS years,
         (SELECT json_agg(t ORDER BY t.score DESC, t.path) FROM top t) AS top`,
      where.params,
    );
    const { total, sources, years, top } = summary.rows[0];
    const ranked = top ?? [];
    const facets = { sources: sortedFacet(new Map(sources ?? [])), years: sortedFacet(new Map(years ?? [])) };
    const hits = await this.hits(client, ranked.slice(0, limit), query, match);
    return {
      total,
      facets: options.entityFacets ? { ...facets, ...options.entityFacets(ranked.slice(0, ENTITY_FACET_ARTICLES).map((r) => this.absolute(r.path))) } : facets,
      hits,
      paths: options.allPaths ? await this.allPaths(client, where) : undefined,
    };
  }

  /** Rows whose positions were cut are matched by their words, then their text is read for the phrases. */
  private async whereClause(client: SqlClient, query: ParsedQuery, match: TextMatch, onlyPaths: string[] | undefined): Promise<Where> {
    const params: unknown[] = [];
    const sql: string[] = [];
    if (match.loose) {
      params.push(match.loose);
      sql.push('terms @@ $1::tsquery');
    }
    if (match.precise && match.precise !== match.loose) {
      params.push(match.precise);
      // CASE keeps the planner from or-ing two index scans (it then checks both queries on every row).
      sql.push(`(CASE WHEN long_text THEN true ELSE terms @@ $${params.length}::tsquery END)`);
    }
    if (match.excludedPhrases) {
      params.push(match.excludedPhrases);
      sql.push(`path NOT IN (SELECT path FROM articles WHERE terms @@ $${params.length}::tsquery)`);
    }
    const filters = filterSql(query, onlyPaths, params.length + 1);
    sql.push(...filters.sql);
    params.push(...filters.params);
    if (needsText(query)) {
      const rejected = await this.longTextsWithoutPhrases(client, query, sql.join(' AND ') || 'true', params);
      if (rejected.length > 0) {
        params.push(rejected);
        sql.push(`path <> ALL($${params.length}::text[])`);
      }
    }
    return {
      sql: sql.join(' AND ') || 'true',
      params,
      rank: match.loose ? 'ts_rank(a.terms, $1::tsquery)' : '1',
      titleRank: match.loose ? 'ts_rank(title_terms, $1::tsquery)' : '1',
    };
  }

  private async longTextsWithoutPhrases(client: SqlClient, query: ParsedQuery, where: string, params: unknown[]): Promise<string[]> {
    const rows = await client.query<ArticleText>(`SELECT path, title, paragraphs FROM articles WHERE long_text AND ${where}`, params);
    const patterns = new Map<string, RegExp | null>();
    return rows.rows.filter((r) => !phrasesMatch(query, r.title, r.paragraphs, patterns)).map((r) => r.path);
  }

  private async allPaths(client: SqlClient, where: Where): Promise<string[]> {
    const rows = await client.query<{ path: string }>(`SELECT path FROM articles WHERE ${where.sql} ORDER BY ${where.titleRank} DESC, path`, where.params);
    return rows.rows.map((r) => this.absolute(r.path));
  }

  private async hits(client: SqlClient, top: TopRow[], query: ParsedQuery, match: TextMatch): Promise<Hit[]> {
    if (top.length === 0) return [];
    const rows = await client.query<ArticleText>('SELECT path, title, source, date, paragraphs FROM articles WHERE path = ANY($1::text[])', [
      top.map((t) => t.path),
    ]);
    const byPath = new Map(rows.rows.map((r) => [r.path, r]));
    const words = [...match.highlight, ...query.clauses.flatMap(clauseWords)];
    return top.flatMap(({ path: relative, score }) => {
      const row = byPath.get(relative);
      if (!row) return [];
      const snippet = makeSnippet({ title: row.title, paragraphs: row.paragraphs }, words);
      return [{ path: this.absolute(relative), title: row.title, source: row.source || null, date: row.date, score, snippet }];
    });
  }
}
