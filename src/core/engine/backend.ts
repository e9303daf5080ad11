/**
 * What the engine needs from where it keeps the corpus: an article repository (records for the tree,
 * text read on demand) and a search backend (an index kept in step with it). The embedded backend
 * is ArticleStore + EmbeddedSearch (files and minisearch); a database backend implements the same
 * two interfaces, and no feature changes.
 */
import type { NamesCache } from '../entities/corpusEntities';
import type { StoredEntityList, StoredNames } from '../entities/storedNames';
import type { ParsedQuery } from '../search/query';
import type { IndexableArticle, SearchOptions, SearchResults } from '../search/searchIndex';
import type { Article, ArticleSummary, FileStamp, Paragraph } from '../types';

export interface ArticleRecordLike extends ArticleSummary {
  size: number;
  mtimeMs: number;
}

export interface ArticleRepository<R extends ArticleRecordLike = ArticleRecordLike> {
  readonly size: number;
  /** Bytes of reading text the repository holds (what an index of it must take in). */
  readonly textBytes: number;
  get(path: string): R | undefined;
  has(path: string): boolean;
  values(): IterableIterator<R>;
  put(article: Article): R;
  delete(path: string): R | undefined;
  paragraphs(path: string): Paragraph[];
  /** The paragraphs a record had, after the article was replaced (to uncount its words). */
  paragraphsOf(record: R): Paragraph[];
  article(path: string): Article | undefined;
  /** Why text could not be read back (then it reads as empty); the next session rebuilds the store. */
  readonly damaged: string | undefined;
  save(signature: string): Promise<void>;
  dispose(): void;
}

/** Where search stands: not started, loading (0..1), searchable, or off with the reason (the memory guard). */
export type SearchState = { kind: 'none' } | { kind: 'loading'; share: number } | { kind: 'ready' } | { kind: 'off'; message: string };

/** What a search says while the index loads. */
export function loadingMessage(state: Extract<SearchState, { kind: 'loading' }>): string {
  return `Loading the search index… ${Math.round(state.share * 100)}%`;
}

export interface PrepareOptions {
  /** The cache folder of the saved index, if any. */
  dir?: string;
  signature: string;
  budgetMB: number;
  /** False once a newer load started: the preparation stops. */
  isCurrent(): boolean;
  onProgress?(share: number): void;
}

export interface SearchBackend {
  readonly state: SearchState;
  /** Loads the saved index or builds one for every article of the repository; resolves when searchable, off, or superseded. */
  prepare(options: PrepareOptions): Promise<{ rebuilt?: string }>;
  /** Starts an empty index that takes articles as a cold build reads them; `prepare` finishes it. */
  beginBuild(): void;
  /** Whether `upsert` and `remove` change an index now (a ready one, or one being built). */
  readonly accepting: boolean;
  /** An article was added or changed (indexed from `article` when given, else from the repository) or removed. */
  upsert(path: string, article?: IndexableArticle): void;
  remove(path: string): void;
  search(query: ParsedQuery, limit: number, options: SearchOptions): Promise<SearchResults>;
  /** Saves the index when it changed since it was saved (`force`: even for a few changes). */
  save(dir: string, signature: string, force: boolean): Promise<void>;
  /** Called once a load has read the files (a database backend writes what changed since it last saw them). */
  afterFilesRead?(): Promise<void>;
  /**
   * For a window with no article yet (a first opening): the articles a database already holds for
   * these files, as its ingest read them, each whose file is unchanged since (size and mtime) given to
   * `take`; resolves to the files it gave (the others are read from disk).
   */
  storedArticles?(files: ReadonlyMap<string, FileStamp>, take: (article: Article) => void, isCurrent: () => boolean): Promise<Set<string>>;
  /** Names a database stored for every window (CorpusEntities takes them as its names cache). */
  storedNames?(): Promise<StoredNames | undefined>;
  /** The entity list a database stored, read alone (the names take longer): what the People view shows until the names are in. */
  storedEntityList?(): Promise<StoredEntityList | undefined>;
  /** Stores names this window recognized, when the backend may write (`stored`: what storedNames gave). */
  storeNames?(cache: NamesCache, stored: StoredNames | undefined): Promise<void>;
  /** Closes what the backend holds open (a database connection). */
  dispose?(): void;
}
