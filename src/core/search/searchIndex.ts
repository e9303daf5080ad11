/** The full-text index over the corpus: minisearch, plus phrases, filters, facets and snippets. */
import MiniSearch, { type Query, type SearchResult } from 'minisearch';
import { readingText, type Article } from '../types';
import { dateInRange, words, type Clause, type ParsedQuery } from './query';
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
  facets: { sources: [string, number][]; years: [string, number][] } & Partial<EntityFacets>;
}

export interface SerializedIndex {
  data: ReturnType<MiniSearch['toJSON']>;
  ids: [string, number][];
  vocabulary: string[];
}

/** Tells whether the corpus has a word (as a prefix when typing): known words are not fuzzed. */
type Vocabulary = (term: string, asPrefix: boolean) => boolean;

const ENTITY_FACET_ARTICLES = 1000;

/** The people and organizations most mentioned in the matched articles: [name, articles]. */
export interface EntityFacets {
  people: [string, number][];
  organizations: [string, number][];
}

interface StoredFields {
  path: string;
  title: string;
  source: string | null;
  date: string | null;
}

const FUZZY_MIN_LENGTH = 4;
const FUZZY_TWO_EDITS_LENGTH = 6;
export const INDEX_OPTIONS = {
  idField: 'id',
  fields: ['title', 'text', 'source'],
  storeFields: ['path', 'title', 'source', 'date'],
  searchOptions: { boost: { title: 3, source: 1.5 } },
};

export class SearchIndex {
  private readonly mini: MiniSearch;
  private readonly ids = new Map<string, number>();
  private readonly articles = new Map<number, Article>();
  private nextId = 1;
  /** Every word ever indexed: fuzzy matching is only for words the corpus does not have (typos). */
  private readonly vocabulary: Set<string>;
  private sortedVocabulary: string[] | undefined;

  constructor(serialized?: SerializedIndex) {
    this.vocabulary = new Set(serialized?.vocabulary ?? []);
    this.mini = serialized ? MiniSearch.loadJS(serialized.data, INDEX_OPTIONS) : new MiniSearch(INDEX_OPTIONS);
    for (const [path, id] of serialized?.ids ?? []) {
      this.ids.set(path, id);
      this.nextId = Math.max(this.nextId, id + 1);
    }
  }

  get size(): number {
    return this.ids.size;
  }

  has(path: string): boolean {
    return this.ids.has(path);
  }

  /** Attaches the article for an id that came from a cache (its text serves phrases and snippets). */
  attach(article: Article): void {
    const id = this.ids.get(article.path);
    if (id !== undefined) this.articles.set(id, article);
  }

  upsert(article: Article): void {
    this.remove(article.path);
    const id = this.nextId++;
    this.ids.set(article.path, id);
    this.articles.set(id, article);
    for (const word of words(`${article.title} ${readingText(article)} ${article.source ?? ''}`)) this.addWord(word);
    this.mini.add({ id, path: article.path, title: article.title, text: readingText(article), source: article.source ?? '', date: article.date });
  }

  remove(path: string): void {
    const id = this.ids.get(path);
    if (id === undefined) return;
    if (this.mini.has(id)) this.mini.discard(id);
    this.ids.delete(path);
    this.articles.delete(id);
  }

  serialize(): SerializedIndex {
    return { data: this.mini.toJSON(), ids: [...this.ids], vocabulary: [...this.vocabulary] };
  }

  private addWord(word: string): void {
    if (this.vocabulary.has(word)) return;
    this.vocabulary.add(word);
    this.sortedVocabulary = undefined;
  }

  /** Whether the corpus has this word (or, while typing, a word starting with it). */
  knows(term: string, asPrefix: boolean): boolean {
    if (this.vocabulary.has(term)) return true;
    if (!asPrefix) return false;
    const sorted = (this.sortedVocabulary ??= [...this.vocabulary].sort());
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid] < term) lo = mid + 1;
      else hi = mid;
    }
    return lo < sorted.length && sorted[lo].startsWith(term);
  }

  /**
   * `onlyPaths` narrows to some articles (the engine's entity filters); `entityFacets` adds the
   * people and organizations of the matched articles to the facets.
   */
  search(query: ParsedQuery, limit = 50, options: { onlyPaths?: ReadonlySet<string>; entityFacets?: (paths: string[]) => EntityFacets } = {}): SearchResults {
    const { onlyPaths, entityFacets } = options;
    const filter = (r: SearchResult) => passesFilters(r as unknown as StoredFields, query) && (!onlyPaths || onlyPaths.has((r as unknown as StoredFields).path));
    const raw = this.mini.search(buildQuery(query, (term, prefix) => this.knows(term, prefix)), { filter });
    const needsText = hasPhrase(query.clauses) || query.excluded.some((c) => c.kind !== 'term');
    const matched = needsText ? raw.filter((r) => this.matchesText(r, query)) : raw;
    const facets = facetsOf(matched as unknown as StoredFields[]);
    return {
      total: matched.length,
      // People and organizations of the best-ranked articles only: a broad query matches thousands.
      facets: entityFacets ? { ...facets, ...entityFacets(matched.slice(0, ENTITY_FACET_ARTICLES).map((r) => (r as unknown as StoredFields).path)) } : facets,
      hits: matched.slice(0, limit).map((r) => this.toHit(r, query)),
    };
  }

  private matchesText(result: SearchResult, query: ParsedQuery): boolean {
    const article = this.articles.get(result.id as number);
    if (!article) return true;
    const haystack = `${article.title}\n${readingText(article)}`;
    return query.clauses.every((c) => clauseInText(c, haystack, true)) && !query.excluded.some((c) => c.kind !== 'term' && clauseInText(c, haystack, false));
  }

  private toHit(result: SearchResult, query: ParsedQuery): Hit {
    const stored = result as unknown as StoredFields;
    const article = this.articles.get(result.id as number);
    const terms = [...result.terms, ...query.clauses.flatMap(clauseWords)];
    const snippet = article ? makeSnippet(article, terms) : { text: '', highlights: [], line: 0 };
    return { path: stored.path, title: stored.title, source: stored.source || null, date: stored.date, score: result.score, snippet };
  }
}

function clauseWords(clause: Clause): string[] {
  return clause.kind === 'term' ? [clause.text] : clause.kind === 'phrase' ? clause.words : clause.options.flatMap(clauseWords);
}

function hasPhrase(clauses: Clause[]): boolean {
  return clauses.some((c) => c.kind === 'phrase' || (c.kind === 'or' && hasPhrase(c.options)));
}

function phrasePattern(words: string[]): RegExp {
  const escaped = words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`(?<![\\p{L}\\p{N}])${escaped.join('[^\\p{L}\\p{N}]+')}(?![\\p{L}\\p{N}])`, 'iu');
}

/** Terms were matched by minisearch already (fuzzy, prefix); only phrases need the text. */
function clauseInText(clause: Clause, text: string, termsMatch: boolean): boolean {
  if (clause.kind === 'phrase') return phrasePattern(clause.words).test(text);
  if (clause.kind === 'term') return termsMatch || (termPattern([clause.text])?.test(text) ?? false);
  if (!hasPhrase(clause.options)) return true;
  return clause.options.some((o) => clauseInText(o, text, false));
}

/** Edit distance allowed for a typo: none under 4 letters, 1 up to 5, 2 from 6 ("Lavorv" → Lavrov). */
export function fuzziness(term: string): number | false {
  if (term.length < FUZZY_MIN_LENGTH) return false;
  return term.length < FUZZY_TWO_EDITS_LENGTH ? 1 : 2;
}

function termQuery(text: string, prefix: boolean, known: Vocabulary): Query {
  return { queries: [text], prefix, fuzzy: known(text, prefix) ? false : fuzziness(text) };
}

function clauseQuery(clause: Clause, isLast: boolean, known: Vocabulary): Query {
  switch (clause.kind) {
    case 'term':
      return termQuery(clause.text, isLast, known);
    case 'phrase':
      return { queries: clause.words, combineWith: 'AND', prefix: false, fuzzy: false };
    case 'or':
      return { queries: clause.options.map((o) => clauseQuery(o, false, known)), combineWith: 'OR' };
  }
}

export function buildQuery(query: ParsedQuery, known: Vocabulary = () => false): Query {
  const last = query.clauses.length - 1;
  const positive: Query = query.clauses.length
    ? { queries: query.clauses.map((c, i) => clauseQuery(c, i === last && c.kind === 'term', known)), combineWith: 'AND' }
    : MiniSearch.wildcard;
  const excludedTerms = query.excluded.filter((c): c is Extract<Clause, { kind: 'term' }> => c.kind === 'term');
  if (excludedTerms.length === 0) return positive;
  return { queries: [positive, { queries: excludedTerms.map((c) => c.text), combineWith: 'OR', prefix: false, fuzzy: false }], combineWith: 'AND_NOT' };
}

function passesFilters(doc: StoredFields, query: ParsedQuery): boolean {
  if (query.sources.length > 0) {
    const source = (doc.source || 'unknown').toLowerCase();
    if (!query.sources.some((s) => source.includes(s))) return false;
  }
  return query.dates.length === 0 || query.dates.some((range) => dateInRange(doc.date, range));
}

function facetsOf(docs: StoredFields[]): SearchResults['facets'] {
  const sources = new Map<string, number>();
  const years = new Map<string, number>();
  for (const doc of docs) {
    const source = doc.source || 'Unknown source';
    sources.set(source, (sources.get(source) ?? 0) + 1);
    const year = doc.date && !doc.date.startsWith('--') ? doc.date.slice(0, 4) : 'Undated';
    years.set(year, (years.get(year) ?? 0) + 1);
  }
  const sorted = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return { sources: sorted(sources), years: sorted(years) };
}

