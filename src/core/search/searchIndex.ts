/** The full-text index over the corpus: minisearch, plus phrases, filters, facets and snippets. */
import MiniSearch, { type Query, type SearchResult } from 'minisearch';
import { readingText, type Article, type ArticleSummary, type Paragraph } from '../types';
import { yearLabel } from '../articleDate';
import { sourceLabel } from '../grouping';
import { dateInRange, type Clause, type ParsedQuery } from './query';
import { makeSnippet, termPattern, type Snippet } from './snippet';

export interface Hit {
  path: string;
  title: string;
  source: string | null;
  date: string | null;
  score: number;
  snippet: Snippet;
}

export interface SearchResults {
  hits: Hit[];
  total: number;
  /** Every matched article's path, best first, when asked for (`allPaths`): watchlists count them without snippets. */
  paths?: string[];
  facets: { sources: [string, number][]; years: [string, number][] } & Partial<EntityFacets>;
}

/** Tells whether the corpus has a word (as a prefix when typing): known words are not fuzzed. */
type Vocabulary = (term: string, asPrefix: boolean) => boolean;

/** People and organization facets count the best-ranked articles only: a broad query matches thousands. */
export const ENTITY_FACET_ARTICLES = 200;

export interface SearchOptions {
  /** The query is being typed: its last word, unless quoted, matches as a prefix ("negotiat"). */
  typing?: boolean;
  /** Narrows to some articles (the engine's entity filters). */
  onlyPaths?: ReadonlySet<string>;
  /** Adds the people and organizations of the best-ranked articles to the facets. */
  entityFacets?: (paths: string[]) => EntityFacets;
  /** Also return every matched path (no snippet is made for them). */
  allPaths?: boolean;
}

/** The people and organizations most mentioned in the matched articles: [name, articles]. */
export interface EntityFacets {
  people: [string, number][];
  organizations: [string, number][];
}

/** What the index reads from the corpus it indexes: an article's summary (filters, facets, hits) and its text (phrases, snippets). */
export interface IndexedCorpus {
  summary(path: string): ArticleSummary | undefined;
  paragraphs(path: string): Paragraph[];
}

export type IndexableArticle = Pick<Article, 'path' | 'title' | 'source' | 'paragraphs'>;

/** The part of minisearch's term tree the vocabulary check reads (minisearch keeps it private). */
interface TermTree {
  has(term: string): boolean;
  atPrefix(prefix: string): { keys(): Iterator<string> };
}

const FUZZY_MIN_LENGTH = 4;
const FUZZY_TWO_EDITS_LENGTH = 6;
/** Documents are keyed by path; nothing is stored in the index: summaries and text live in the engine's stores. */
export const INDEX_OPTIONS = {
  idField: 'path',
  fields: ['title', 'text', 'source'],
  storeFields: [],
  searchOptions: { boost: { title: 3, source: 1.5 } },
};

export class SearchIndex {
  constructor(
    private readonly corpus: IndexedCorpus,
    private readonly mini: MiniSearch = new MiniSearch(INDEX_OPTIONS),
  ) {
    termTreeOf(mini);
  }

  /**
   * An index saved with `toJSON` (parsed). minisearch's own batched loader pauses a millisecond
   * every thousand entries, which makes it four times slower than this one-go load on a large
   * corpus; the thread is busy for that time (the client answers searches meanwhile).
   */
  static fromJS(corpus: IndexedCorpus, js: ReturnType<MiniSearch['toJSON']>): SearchIndex {
    return new SearchIndex(corpus, MiniSearch.loadJS(js, INDEX_OPTIONS));
  }

  get size(): number {
    return this.mini.documentCount;
  }

  has(path: string): boolean {
    return this.mini.has(path);
  }

  upsert(article: IndexableArticle): void {
    this.remove(article.path);
    this.mini.add({ path: article.path, title: article.title, text: readingText(article), source: article.source ?? '' });
  }

  remove(path: string): void {
    if (this.mini.has(path)) this.mini.discard(path);
  }

  toJSON(): ReturnType<MiniSearch['toJSON']> {
    return this.mini.toJSON();
  }

  /** Whether the corpus has this word (or, while typing, a word starting with it). */
  knows(term: string, asPrefix: boolean): boolean {
    const terms = termTreeOf(this.mini);
    if (terms.has(term)) return true;
    return asPrefix && !terms.atPrefix(term).keys().next().done;
  }

  /**
   * `onlyPaths` narrows to some articles (the engine's entity filters); `entityFacets` adds the
   * people and organizations of the matched articles to the facets.
   */
  search(query: ParsedQuery, limit = 50, options: SearchOptions = {}): SearchResults {
    const { onlyPaths, entityFacets } = options;
    const filter = (r: SearchResult) => {
      const summary = this.corpus.summary(r.id as string);
      return summary !== undefined && passesFilters(summary, query) && (!onlyPaths || onlyPaths.has(summary.path));
    };
    const raw = this.mini.search(
      buildQuery(query, (term, prefix) => this.knows(term, prefix), options.typing ?? false),
      { filter },
    );
    const patterns = new Map<string, RegExp | null>();
    const matched = needsText(query) ? raw.filter((r) => this.matchesText(r, query, patterns)) : raw;
    const facets = facetsOf(matched.map((r) => this.corpus.summary(r.id as string)).filter((s): s is ArticleSummary => s !== undefined));
    return {
      total: matched.length,
      facets: entityFacets ? { ...facets, ...entityFacets(matched.slice(0, ENTITY_FACET_ARTICLES).map((r) => r.id as string)) } : facets,
      hits: matched.slice(0, limit).map((r) => this.toHit(r, query)),
      paths: options.allPaths ? matched.map((r) => r.id as string) : undefined,
    };
  }

  /** Phrases are checked in the title and each paragraph (no string of the whole text is built). */
  private matchesText(result: SearchResult, query: ParsedQuery, patterns: Map<string, RegExp | null>): boolean {
    const path = result.id as string;
    return phrasesMatch(query, this.corpus.summary(path)?.title ?? '', this.corpus.paragraphs(path), patterns);
  }

  private toHit(result: SearchResult, query: ParsedQuery): Hit {
    const path = result.id as string;
    const summary = this.corpus.summary(path) ?? { path, title: '', source: null, date: null };
    const terms = [...result.terms, ...query.clauses.flatMap(clauseWords)];
    const snippet = makeSnippet({ title: summary.title, paragraphs: this.corpus.paragraphs(path) }, terms);
    return { path, title: summary.title, source: summary.source || null, date: summary.date, score: result.score, snippet };
  }
}

/**
 * Whether an article that has the query's words also has its phrases (in its title or one
 * paragraph) and none of its excluded phrases. `patterns` caches the compiled phrases of one search.
 */
export function phrasesMatch(query: ParsedQuery, title: string, paragraphs: Paragraph[], patterns = new Map<string, RegExp | null>()): boolean {
  const texts = [title, ...paragraphs.map((p) => p.text)];
  const inText = (clause: Clause, termsMatch: boolean) => clauseInText(clause, texts, termsMatch, patterns);
  return query.clauses.every((c) => inText(c, true)) && !query.excluded.some((c) => c.kind !== 'term' && inText(c, false));
}

/** Whether a search must read the text: a phrase to find, or one to exclude. */
export function needsText(query: ParsedQuery): boolean {
  return hasPhrase(query.clauses) || query.excluded.some((c) => c.kind !== 'term');
}

export function clauseWords(clause: Clause): string[] {
  return clause.kind === 'term' ? [clause.text] : clause.kind === 'phrase' ? clause.words : clause.options.flatMap(clauseWords);
}

function hasPhrase(clauses: Clause[]): boolean {
  return clauses.some((c) => c.kind === 'phrase' || (c.kind === 'or' && hasPhrase(c.options)));
}

/** `test` on a global regex moves its lastIndex: one pattern reused over many texts must not be global. */
function withoutGlobalFlag(pattern: RegExp | null): RegExp | null {
  return pattern && new RegExp(pattern.source, pattern.flags.replace('g', ''));
}

function phrasePattern(words: string[]): RegExp {
  const escaped = words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`(?<![\\p{L}\\p{N}])${escaped.join('[^\\p{L}\\p{N}]+')}(?![\\p{L}\\p{N}])`, 'iu');
}

/** Terms were matched by minisearch already (fuzzy, prefix); only phrases need the text. Patterns are compiled once per search. */
function clauseInText(clause: Clause, texts: string[], termsMatch: boolean, patterns: Map<string, RegExp | null>): boolean {
  if (clause.kind === 'term' && termsMatch) return true;
  if (clause.kind === 'or') return !hasPhrase(clause.options) || clause.options.some((o) => clauseInText(o, texts, false, patterns));
  const key = clause.kind === 'phrase' ? `p:${clause.words.join(' ')}` : `t:${clause.text}`;
  if (!patterns.has(key)) patterns.set(key, clause.kind === 'phrase' ? phrasePattern(clause.words) : withoutGlobalFlag(termPattern([clause.text])));
  const pattern = patterns.get(key);
  return pattern ? texts.some((text) => pattern.test(text)) : false;
}

/** Edit distance allowed for a typo: none under 4 letters, 1 up to 5, 2 from 6 ("Lavorv" → Lavrov). */
export function fuzziness(term: string): number | false {
  if (term.length < FUZZY_MIN_LENGTH) return false;
  return term.length < FUZZY_TWO_EDITS_LENGTH ? 1 : 2;
}

function termQuery(text: string, prefix: boolean, known: Vocabulary, exact = false): Query {
  if (exact) return { queries: [text], prefix: false, fuzzy: false };
  return { queries: [text], prefix, fuzzy: known(text, prefix) ? false : fuzziness(text) };
}

function clauseQuery(clause: Clause, isLast: boolean, known: Vocabulary): Query {
  switch (clause.kind) {
    case 'term':
      return termQuery(clause.text, isLast, known, clause.exact);
    case 'phrase':
      return { queries: clause.words, combineWith: 'AND', prefix: false, fuzzy: false };
    case 'or':
      return { queries: clause.options.map((o) => clauseQuery(o, false, known)), combineWith: 'OR' };
  }
}

/** `typing`: the last word is still being written, so it matches as a prefix; a confirmed query matches whole words. */
export function buildQuery(query: ParsedQuery, known: Vocabulary = () => false, typing = false): Query {
  const last = query.clauses.length - 1;
  const positive: Query = query.clauses.length
    ? { queries: query.clauses.map((c, i) => clauseQuery(c, typing && i === last && c.kind === 'term', known)), combineWith: 'AND' }
    : MiniSearch.wildcard;
  const excludedTerms = query.excluded.filter((c): c is Extract<Clause, { kind: 'term' }> => c.kind === 'term');
  if (excludedTerms.length === 0) return positive;
  return { queries: [positive, { queries: excludedTerms.map((c) => c.text), combineWith: 'OR', prefix: false, fuzzy: false }], combineWith: 'AND_NOT' };
}

function passesFilters(doc: ArticleSummary, query: ParsedQuery): boolean {
  if (query.sources.length > 0) {
    const source = (doc.source || 'unknown').toLowerCase();
    if (!query.sources.some((s) => source.includes(s))) return false;
  }
  return query.dates.length === 0 || query.dates.some((range) => dateInRange(doc.date, range));
}

function facetsOf(docs: ArticleSummary[]): SearchResults['facets'] {
  const sources = new Map<string, number>();
  const years = new Map<string, number>();
  for (const doc of docs) {
    const source = sourceLabel(doc.source || null);
    sources.set(source, (sources.get(source) ?? 0) + 1);
    const year = yearLabel(doc.date);
    years.set(year, (years.get(year) ?? 0) + 1);
  }
  return { sources: sortedFacet(sources), years: sortedFacet(years) };
}

/** A facet's values, most articles first, then by name. */
export function sortedFacet(counts: Map<string, number>): [string, number][] {
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

/** minisearch's term tree: the vocabulary check asks it instead of keeping a second copy of every word. */
function termTreeOf(mini: MiniSearch): TermTree {
  const tree = (mini as unknown as { _index?: Partial<TermTree> })._index;
  if (typeof tree?.has !== 'function' || typeof tree.atPrefix !== 'function') throw new Error('this minisearch version keeps its terms elsewhere');
  return tree as TermTree;
}
