/**
 * The one object features talk to: it owns the corpus's stores (articles and their text, the search
 * index, the entities), keeps them current as files change, and tells listeners what changed. No
 * VS Code here: the CLI, the benchmarks and the tests use it as is. It is long because it is the
 * façade: most of its methods hand a question to the store, the search backend, the entities or
 * the reader's views (readerViews.ts: stories, quotes, timelines, notes, watchlists).
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { isCorpusArticleFile, isSkippedFolder, listArticleFiles, parseSignature, type LoadOptions } from '../ingest/articleFiles';
import type { ArticleDetails } from '../ingest/parse';
import { CorpusEntities, type EntityBuildOptions, type EntityBuildReport } from '../entities/corpusEntities';
import { parseOverrides, type OverridesParse } from '../entities/overrides';
import { entityFacetsOf, entityFilter } from '../entities/entitySearch';
import {
  cardFor,
  hoverAt,
  mentionLocations,
  type CardOptions,
  type EntityCard,
  type EntityInfo,
  type HoverAnswer,
  type MentionLocation,
} from '../entities/entityQueries';
import type { ArticleSources } from '../entities/entityCard';
import { recognizeArticle, type Mention } from '../ner/articleEntities';
import { parseQuery } from '../search/query';
import type { SearchResults } from '../search/searchIndex';
import { summarize, type Article, type FileStamp, type ArticleSummary, type Paragraph, type Problem } from '../types';
import { ArticleTree, type TreeKeys, type TreeLevel } from './articleTree';
import type { GroupingMode } from '../grouping';
import { loadingMessage, type ArticleRepository, type SearchBackend, type SearchState } from './backend';
import { EmbeddedSearch } from './embeddedSearch';
import { PgSearchBackend } from '../db/pgBackend';
import { defaultBudgetMB, estimatedIndexMB } from './memoryBudget';
import { ArticleStore } from './stores/articleStore';
import { EntityChanges } from './entityChanges';
import { checkStamps, parsing, readArticleFiles } from './fileReading';
import { poolFor, runRecognizePool } from './parsePool';
import type { ArticleNames } from '../entities/resolve';
import type { QuoteInfo } from '../quotes/quoteQueries';
import type { StoryInfo } from '../stories/corpusStories';
import type { Coverage } from '../stories/coverage';
import type { Timeline, TimelineStep } from '../timeline/timeline';
import { ReaderViews, type NoteName } from './readerViews';
import type { WatchEntry, WatchResult } from '../watch/watchlist';

/** What changed: everything (after a load), or one article added, changed or removed, the entities, search, a notice. */
export type EngineChange =
  | { kind: 'reset' }
  | { kind: 'upsert'; article: ArticleSummary }
  | { kind: 'remove'; path: string }
  | { kind: 'entities' }
  | { kind: 'search'; state: SearchState }
  | { kind: 'notice'; message: string };
export type ChangeListener = (change: EngineChange) => void;

export interface EngineOptions extends LoadOptions {
  /** Threads that read and parse files in a cold build; 0 or none: one per core; 1: the engine's own thread only. */
  parseThreads?: number;
  /** The bundled parseWorker.js (found beside the engine's bundle when not given). */
  parseWorkerFile?: string;
  /** The heap the search index may take, in MB; 0 or none: most of what this thread may use (see memoryBudget). */
  memoryBudgetMB?: number;
  /** Search in a PostgreSQL database (its connection string, password included) instead of the embedded index. */
  backendUrl?: string;
}

export interface EngineLoadOptions extends Pick<LoadOptions, 'signal'> {
  /** The cache folder (article summaries and text, search index, names); none means no cache. */
  cacheDir?: string;
  /** Files read so far; then, with `stage: 'index'`, how far the search index has loaded (per thousand). */
  onProgress?: (done: number, total: number, stage?: 'files' | 'index') => void;
  /** Resolve once the articles are known (the tree), and load the search index after, in the background. */
  searchInBackground?: boolean;
  /** Only the articles (a CLI listing): no search index is loaded or built. */
  withoutSearch?: boolean;
}

export interface LoadReport {
  problems: Problem[];
  /** How many articles came from the cache, how many from the database (a first opening), and how many files were (re)read. */
  fromCache: number;
  fromDatabase: number;
  parsed: number;
  /** Set when a cache existed but could not be used, and was rebuilt. */
  cacheRebuilt?: string;
  /** Set when the cache cannot be written (a read-only or full disk): the engine goes on without one. */
  cacheUnwritable?: string;
  /** Where search stands when the load returns (loading, when it goes on in the background). */
  search: SearchState;
}

export interface EngineSearchOptions {
  typing?: boolean;
  entityFacets?: boolean;
  /** Every matched path in `paths` (watchlists). */
  allPaths?: boolean;
}

export type { NoteName };

export type SearchOutcome = ({ ok: true } & SearchResults & { ms: number }) | { ok: false; error: string; loading?: boolean };

const NO_SEARCH: SearchState = { kind: 'none' };
/** After new entities, the pause before the stories are clustered (the listeners' requests go first). */
const STORIES_DELAY_MS = 50;

interface SaveWhat {
  articles: boolean;
  index: boolean;
}

export class CorpusEngine {
  private store: ArticleRepository | undefined;
  private searchBackend: SearchBackend | undefined;
  private storeKey: string | undefined;
  private readonly listeners = new Set<ChangeListener>();
  private corpusFolders: string[] = [];
  private generation = 0;
  private cacheDir: string | undefined;
  private indexing: Promise<unknown> = Promise.resolve();

  constructor(private options: EngineOptions = {}) {}

  get folders(): readonly string[] {
    return this.corpusFolders;
  }

  get size(): number {
    return this.store?.size ?? 0;
  }

  get searchState(): SearchState {
    return this.searchBackend?.state ?? NO_SEARCH;
  }

  setOptions(options: EngineOptions): void {
    // Another backend takes effect at the next load, with the store opened again.
    if (options.backendUrl !== this.options.backendUrl) this.storeKey = undefined;
    this.options = options;
  }

  onDidChange(listener: ChangeListener): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /**
   * Replaces the corpus with what the folders hold now, reusing stored articles whose file has the
   * same size and mtime. The saved summaries show first (a `reset` before any file is read); the
   * search index loads last. A newer call makes an older one a no-op.
   */
  async load(folders: string[], options: EngineLoadOptions = {}): Promise<LoadReport> {
    const generation = ++this.generation;
    const isCurrent = () => generation === this.generation && !options.signal?.aborted;
    const problems: Problem[] = [];
    const report = (p: Problem) => problems.push(p);
    const signature = parseSignature(this.options);
    const opened = await this.openStore(options.cacheDir, signature);
    if (generation !== this.generation) return { problems, fromCache: 0, fromDatabase: 0, parsed: 0, search: this.searchState };
    const store = this.store as ArticleRepository;
    this.corpusFolders = folders.map((f) => path.resolve(f));
    this.cacheDir = opened.unwritable ? undefined : options.cacheDir;
    const prefixes = this.corpusFolders.map((f) => f + path.sep);
    if (opened.restored && [...store.values()].every((r) => prefixes.some((p) => r.path.startsWith(p)))) this.emit({ kind: 'reset' });
    // With saved articles, the index loads (CPU) while the files are checked (disk); a database
    // connects first, for it may hold the articles of a first opening.
    const prepareSearch = () => (options.withoutSearch ? Promise.resolve(undefined) : this.prepareSearch(generation, isCurrent, signature, options.onProgress));
    const early = opened.restored || this.searchBackend?.storedArticles ? prepareSearch() : undefined;
    const { fromCache, fromDatabase, parsed, changed } = await this.readChangedFiles(folders, store, { ...options, isCurrent }, report);
    if (!isCurrent()) return { problems, fromCache, fromDatabase, parsed, search: this.searchState };
    this.entitiesBuilt = false;
    this.emit({ kind: 'reset' });

    const prepared = early ?? prepareSearch();
    const search = prepared.then(async (rebuilt) => {
      // A database backend writes what changed, now that the files are read.
      if (isCurrent() && !options.withoutSearch) await this.searchBackend?.afterFilesRead?.();
      const cacheUnwritable =
        opened.unwritable ??
        (this.cacheDir && isCurrent()
          ? await this.trySaveCache({ articles: changed || !(opened.restored || opened.reused) || rebuilt !== undefined, index: true })
          : undefined);
      return { rebuilt, cacheUnwritable };
    });
    this.indexing = search;
    const cacheRebuilt = opened.rebuilt;
    if (options.searchInBackground) {
      void search.then(({ cacheUnwritable }) => cacheUnwritable && this.emit({ kind: 'notice', message: cacheUnwritable }));
      return { problems, fromCache, fromDatabase, parsed, cacheRebuilt, search: this.searchState };
    }
    const { rebuilt, cacheUnwritable } = await search;
    return { problems, fromCache, fromDatabase, parsed, cacheRebuilt: cacheRebuilt ?? rebuilt, cacheUnwritable, search: this.searchState };
  }

  /**
   * Brings the store in step with the folders: files whose size or mtime differ are read again, files
   * gone are dropped; a ready index takes each change as it is made.
   */
  private async readChangedFiles(
    folders: string[],
    store: ArticleRepository,
    options: EngineLoadOptions & { isCurrent(): boolean },
    report: (p: Problem) => void,
  ): Promise<{ fromCache: number; fromDatabase: number; parsed: number; changed: boolean }> {
    const files = await listArticleFiles(folders, report);
    const storedBefore = store.size;
    const { stale, staleStamps, known, bytes } = await checkStamps(files, (file) => store.get(file));
    const fromCache = files.length - stale.length;
    const inDatabase = await this.storedArticles(staleStamps, store, { ...options, fromCache, files: files.length });
    const toRead = inDatabase.size > 0 ? stale.filter((file) => !inDatabase.has(file)) : stale;
    const parsed = new Set<string>();
    const backend = this.searchBackend;
    // A cold build indexes each article as it is read, when the files' size says the index fits the budget.
    if (backend && !options.withoutSearch && store.size === 0 && this.fitsBudget(bytes, files.length)) {
      backend.beginBuild();
      this.emit({ kind: 'search', state: backend.state });
    }
    const indexNow = () => backend?.accepting === true;
    const onProgress = (done: number) => options.onProgress?.(fromCache + inDatabase.size + done, files.length, 'files');
    const take = (article: Article) => {
      // A newer load may have closed this store (another cache folder or backend) while files were still being read.
      if (!options.isCurrent()) return;
      store.put(article);
      parsed.add(article.path);
      if (indexNow()) backend?.upsert(article.path, article);
    };
    const notice = (message: string) => this.emit({ kind: 'notice', message });
    await readArticleFiles(toRead, { ...this.options, signal: options.signal }, { report, onProgress, take, notice });
    if (!options.isCurrent()) return { fromCache, fromDatabase: inDatabase.size, parsed: parsed.size, changed: parsed.size + inDatabase.size > 0 };
    const gone = this.goneRecords(store, files, storedBefore > known, toRead, parsed);
    for (const gonePath of gone) {
      store.delete(gonePath);
      if (indexNow()) backend?.remove(gonePath);
    }
    return { fromCache, fromDatabase: inDatabase.size, parsed: parsed.size, changed: parsed.size + inDatabase.size + gone.length > 0 };
  }

  /**
   * A first opening on a database: the articles it holds for the files to read, as its ingest read
   * them, instead of parsing every file again (BBC ×50: 11 s instead of 58–66 s). Only when this
   * window reads files as the ingest does (no source rules of its own).
   */
  private async storedArticles(
    staleStamps: ReadonlyMap<string, FileStamp>,
    store: ArticleRepository,
    options: EngineLoadOptions & { isCurrent(): boolean; fromCache: number; files: number },
  ): Promise<Set<string>> {
    const backend = this.searchBackend;
    if (store.size > 0 || !backend?.storedArticles || parseSignature(this.options) !== parseSignature({})) return new Set();
    let given = 0;
    const take = (article: Article) => {
      if (!options.isCurrent()) return;
      store.put(article);
      if (++given % 1_000 === 0) options.onProgress?.(options.fromCache + given, options.files, 'files');
    };
    return backend.storedArticles(staleStamps, take, options.isCurrent);
  }

  /** The memory the search index may take: the setting, else most of what this thread may use. */
  private budgetMB(): number {
    return this.options.memoryBudgetMB || defaultBudgetMB();
  }

  /** Whether an index of files this size would fit the memory budget (file bytes: at least the text they hold). */
  private fitsBudget(bytes: number, files: number): boolean {
    return estimatedIndexMB(bytes, files) <= this.budgetMB();
  }

  /**
   * The stored articles to drop after a load's files were read: those no longer listed (looked for
   * only when the store had more articles than the listed files it knows), and the stale ones whose
   * file could not be read again.
   */
  private goneRecords(store: ArticleRepository, files: string[], someUnlisted: boolean, stale: string[], parsed: Set<string>): string[] {
    const unreadable = stale.filter((file) => store.has(file) && !parsed.has(file));
    if (!someUnlisted) return unreadable;
    const listed = new Set(files);
    const unlisted = [...store.values()].map((r) => r.path).filter((p) => !listed.has(p));
    return [...unlisted, ...unreadable];
  }

  /** Resolves when the search index of the last load is loaded, built, or refused. */
  async whenSearchable(): Promise<SearchState> {
    await this.indexing;
    return this.searchState;
  }

  /** Opens the cache folder's store, or keeps the open one when it is the same folder with the same parse rules. */
  private async openStore(
    cacheDir: string | undefined,
    signature: string,
  ): Promise<{ restored: boolean; reused?: boolean; rebuilt?: string; unwritable?: string }> {
    const key = JSON.stringify([cacheDir ?? null, signature]);
    if (this.store && this.storeKey === key) return { restored: false, reused: true };
    const { store, opening } = await ArticleStore.open(cacheDir, signature);
    store.onDamaged = (why) =>
      this.emit({
        kind: 'notice',
        message: `${why}: such articles show no text until the corpus is read again, which the next session does (Developer: Reload Window)`,
      });
    this.store?.dispose();
    this.store = store;
    this.storeKey = key;
    this.searchBackend?.dispose?.();
    this.searchBackend = this.makeSearchBackend(store);
    if ('unwritable' in opening) return { restored: false, unwritable: this.cacheUnwritable(opening.unwritable, cacheDir) };
    return { restored: 'restored' in opening, rebuilt: 'invalid' in opening ? `the article store ${opening.invalid}` : undefined };
  }

  private makeSearchBackend(store: ArticleRepository): SearchBackend {
    const url = this.options.backendUrl;
    if (!url) return new EmbeddedSearch(store);
    const backend: SearchBackend = new PgSearchBackend({
      url,
      articles: store,
      root: () => this.corpusFolders[0],
      onNotice: (message) => this.emit({ kind: 'notice', message }),
      onChange: () => backend === this.searchBackend && this.emit({ kind: 'search', state: backend.state }),
      onNamesChange: () => backend === this.searchBackend && this.entitiesBuilt && void this.buildEntities({ cacheFile: this.entitiesCacheFile }),
    });
    return backend;
  }

  /** Loads or builds the search index (unless the memory guard refuses it) and says so to listeners. */
  private async prepareSearch(
    generation: number,
    isCurrent: () => boolean,
    signature: string,
    onProgress: EngineLoadOptions['onProgress'],
  ): Promise<string | undefined> {
    const backend = this.searchBackend as SearchBackend;
    const budgetMB = this.budgetMB();
    let lastPercent = 0;
    const prepared = backend.prepare({
      dir: this.cacheDir,
      signature,
      budgetMB,
      isCurrent: () => generation === this.generation,
      onProgress: (share) => {
        onProgress?.(Math.round(share * 1000), 1000, 'index');
        // Listeners (the client) hear each whole percent, not every batch.
        const percent = Math.floor(share * 100);
        if (percent !== lastPercent && isCurrent()) this.emit({ kind: 'search', state: { kind: 'loading', share } });
        lastPercent = percent;
      },
    });
    if (backend.state.kind === 'loading') this.emit({ kind: 'search', state: backend.state });
    const { rebuilt } = await prepared;
    if (backend !== this.searchBackend || !isCurrent()) return undefined;
    this.emit({ kind: 'search', state: backend.state });
    if (backend.state.kind === 'off') this.emit({ kind: 'notice', message: backend.state.message });
    return rebuilt;
  }

  /** True when the path is an article file inside one of the corpus folders (the walk would list it). */
  contains(filePath: string): boolean {
    return isCorpusArticleFile(filePath) && this.insideCorpus(filePath);
  }

  /** True when the path is one of the corpus folders or lies under one, outside dot-folders. */
  private insideCorpus(filePath: string): boolean {
    const resolved = path.resolve(filePath);
    const folder = this.corpusFolders.find((f) => resolved === f || resolved.startsWith(f + path.sep));
    if (folder === undefined) return false;
    return !path.relative(folder, resolved).split(path.sep).slice(0, -1).some(isSkippedFolder);
  }

  /**
   * Re-reads a created or changed file, or every article file of a folder that appeared (a copied
   * folder can arrive as one event). Returns the problems of files that could not be read.
   */
  async update(filePath: string): Promise<Problem[]> {
    if (!this.contains(filePath)) return this.insideCorpus(filePath) && !isSkippedFolder(path.basename(filePath)) ? this.updateFolder(filePath) : [];
    const problem = await this.updateFile(filePath);
    return problem ? [problem] : [];
  }

  private async updateFolder(folder: string): Promise<Problem[]> {
    const isFolder = await fs.stat(folder).then(
      (s) => s.isDirectory(),
      () => false,
    );
    if (!isFolder) return [];
    const problems: Problem[] = [];
    for (const file of await listArticleFiles([folder], (p) => problems.push(p))) {
      const problem = await this.updateFile(file);
      if (problem) problems.push(problem);
    }
    return problems;
  }

  private async updateFile(filePath: string): Promise<Problem | undefined> {
    const resolved = path.resolve(filePath);
    const generation = this.generation;
    const result = await (await parsing()).readArticle(resolved, this.options);
    // A load that started or ended while the file was read decides what the corpus holds.
    if (generation !== this.generation || !this.contains(resolved) || !this.store) return undefined;
    if ('problem' in result) {
      this.forget(resolved);
      return result.problem;
    }
    const previous = this.store.get(resolved);
    const previousTexts = previous && this.entitiesBuilt ? this.store.paragraphsOf(previous).map((p) => p.text) : undefined;
    this.store.put(result.article);
    this.searchBackend?.upsert(resolved);
    this.changed({ kind: 'upsert', article: summarize(result.article) });
    if (this.entitiesBuilt) this.entityChanges.add({ article: result.article, previous: previousTexts });
    return undefined;
  }

  remove(filePath: string): void {
    const resolved = path.resolve(filePath);
    // A deleted folder arrives as one event for the folder.
    const gone = [...(this.store?.values() ?? [])].map((r) => r.path).filter((key) => key === resolved || key.startsWith(resolved + path.sep));
    gone.forEach((key) => this.forget(key));
  }

  /** The articles' summaries (no text), for the tree and the counts. */
  articles(): ArticleSummary[] {
    return [...(this.store?.values() ?? [])].map(summarize);
  }

  /** The tree's groups or articles under the group at `keys` (the Articles view asks a level at a time). */
  treeChildren(mode: GroupingMode, keys: TreeKeys): TreeLevel {
    return this.tree.children(mode, keys);
  }

  /** The group keys that lead to an article in the tree, for revealing it. */
  treeKeysOf(mode: GroupingMode, filePath: string): TreeKeys | undefined {
    return this.tree.keysOf(mode, path.resolve(filePath));
  }

  private readonly tree = new ArticleTree(
    () => [...(this.store?.values() ?? [])],
    () => this.stories(),
  );

  /** Every article's path with the size and modification time it was read at (what a database ingest compares). */
  *stamps(): IterableIterator<[string, FileStamp]> {
    for (const record of this.store?.values() ?? []) yield [record.path, { size: record.size, mtimeMs: record.mtimeMs }];
  }

  /** One article with its reading text (read from the store). */
  get(filePath: string): Article | undefined {
    return this.store?.article(path.resolve(filePath));
  }

  /** Why some article's text could not be read back from the cache (it then reads as empty), if it could not. */
  get textUnreadable(): string | undefined {
    return this.store?.damaged;
  }

  summary(filePath: string): ArticleSummary | undefined {
    const record = this.store?.get(path.resolve(filePath));
    return record && summarize(record);
  }

  /** The summaries of those files that are articles of the corpus, in the order given. */
  summaries(filePaths: string[]): ArticleSummary[] {
    return filePaths.flatMap((filePath) => this.summary(filePath) ?? []);
  }

  /** The names the recognizer finds in one article of the corpus (the model loads on first use). */
  names(filePath: string): Mention[] | undefined {
    const article = this.get(filePath);
    return article && recognizeArticle(this.entities.recognizer, article);
  }

  /** What was read from one article of the corpus: its metadata, who wrote it in what language (read from the file again), its reading text with line numbers. */
  async whatWasRead(filePath: string): Promise<(ArticleSummary & ArticleDetails & { paragraphs: Paragraph[] }) | undefined> {
    const article = this.get(filePath);
    if (!article) return undefined;
    const details = await (await parsing()).readDetails(article.path, this.options.maxFileBytes);
    return { ...summarize(article), ...details, paragraphs: article.paragraphs };
  }

  /** The first paragraphs of an article's reading text (tooltips). */
  paragraphs(filePath: string, count: number): Paragraph[] {
    return this.store?.paragraphs(path.resolve(filePath)).slice(0, count) ?? [];
  }

  /** The name under a cursor in a line of text, with its card; `path`: the corpus article the line is from. */
  hoverAt(text: string, offset: number, options: CardOptions, path?: string): HoverAnswer | undefined {
    const answer = hoverAt(this.entities.index, this.sources, text, offset, options, path);
    return answer && 'card' in answer ? { ...answer, card: this.views.withStoriesAndQuotes(answer.card) } : answer;
  }

  /** An entity's card, by id or by any of its names. */
  entityCard(name: string, options: CardOptions): EntityCard | undefined {
    const card = cardFor(this.entities.index, this.sources, name, options);
    return card && this.views.withStoriesAndQuotes(card);
  }

  /** Every mention of an entity, placed in its file. */
  entityMentions(id: string): Promise<MentionLocation[]> {
    return mentionLocations(this.entities.index, this.sources, id);
  }

  entityList(): EntityInfo[] {
    return this.entities.index.list();
  }

  /**
   * The entity list as soon as there is one: the built one, or until the names are in, the one the
   * database stored (made by this model with these corrections); empty otherwise.
   */
  async entityListEarly(): Promise<EntityInfo[]> {
    if (this.entitiesBuilt) return this.entityList();
    const stored = await this.searchBackend?.storedEntityList?.();
    if (this.entitiesBuilt) return this.entityList();
    return stored && this.entities.takesStored(stored) ? stored.entities : [];
  }

  /** Articles that report the same event, across sources (found once the entities are built). */
  stories(): StoryInfo[] {
    return this.views.stories();
  }

  /** The story an article is part of, if any. */
  storyOf(filePath: string): StoryInfo | undefined {
    return this.views.storyOf(filePath);
  }

  /** The articles of an article's story side by side (at most `limit`, the article first): shared passages and names. */
  compareCoverage(filePath: string, limit = 6): Coverage | undefined {
    return this.views.compareCoverage(filePath, limit);
  }

  /** Articles per month or year, stacked by source: the whole corpus (`name` null), or the articles mentioning an entity. */
  timeline(name: string | null, by: TimelineStep = 'month'): Timeline | undefined {
    return this.views.timeline(name, by);
  }

  /** The people and organizations named in each line of a note (the notes' marks and backlinks). */
  namesInLines(lines: string[]): NoteName[][] {
    return this.views.namesInLines(lines);
  }

  /** The latest article that mentions an entity, with the line of its first mention there (a note's link). */
  latestArticle(id: string): { path: string; title: string; line: number } | undefined {
    const first = this.entityCard(id, { limit: 1, related: 0 })?.articles[0];
    return first && { path: first.path, title: first.title, line: first.line };
  }

  /** The articles each watchlist entry matches: a person or organization (any alias), or a search query. */
  watch(entries: WatchEntry[]): Promise<WatchResult[]> {
    return this.views.watch(entries);
  }

  /** What a person or organization (by id or any name) is quoted saying, newest first. */
  quotes(name: string): QuoteInfo[] {
    return this.views.quotes(name);
  }

  private readonly lookup = (filePath: string) => this.get(filePath);
  /** Where cards, quotes and the views read articles: summaries, and texts with their records. */
  private readonly sources = { summary: (filePath: string) => this.summary(filePath), article: this.lookup } satisfies ArticleSources;
  private viewsMade: ReaderViews | undefined;
  /** Made on first use: it reads the entities, which are set up after this field. */
  private get views(): ReaderViews {
    return (this.viewsMade ??= this.makeViews());
  }

  private makeViews(): ReaderViews {
    return new ReaderViews({
      index: this.entities.index,
      built: () => this.entitiesBuilt,
      articles: () => this.articles(),
      ...this.sources,
      searchPaths: async (query) => {
        const outcome = await this.search(query, 0, { allPaths: true });
        return outcome.ok ? { paths: outcome.paths ?? [] } : { error: outcome.error };
      },
    });
  }

  /** People and organisations across the corpus; kept current by file changes once built. Texts are read from the store. */
  readonly entities = new CorpusEntities((filePath) => this.store?.paragraphs(filePath) ?? []);
  private entitiesBuilt = false;
  private readonly entityChanges = new EntityChanges(this.entities, () => this.emit({ kind: 'entities' }));
  private entitiesCacheFile: string | undefined;

  /** Recognizes the names of every article (cached per file) and resolves them into entities. */
  async buildEntities(options: EntityBuildOptions = {}): Promise<EntityBuildReport> {
    const generation = this.generation;
    const cacheFile = options.cacheFile ?? (this.cacheDir && path.join(this.cacheDir, 'names.json'));
    const backend = this.searchBackend;
    const preloaded = options.preloaded ?? (await backend?.storedNames?.());
    const articles = [...(this.store?.values() ?? [])];
    const report = await this.entities.build(articles, { ...options, cacheFile, preloaded, recognizeMany: this.recognizeInPool });
    if (!report.cancelled && generation === this.generation) {
      this.entitiesBuilt = true;
      this.entitiesCacheFile = cacheFile;
      this.emit({ kind: 'entities' });
      // Only a backend that stores names gets a snapshot (the whole names cache, in memory).
      const built = report.recognized > 0 && backend?.storeNames ? this.entities.snapshot() : undefined;
      if (built) await backend?.storeNames?.(built, preloaded);
    }
    return report;
  }

  /** Many articles' names recognized on all cores (few are left to the entity build's own loop). */
  private readonly recognizeInPool = async (paths: string[], visit: (path: string, names: ArticleNames) => void): Promise<void> => {
    const pool = poolFor(paths.length, this.options);
    if (!pool || !this.store) return;
    const store = this.store;
    // A failing pool leaves the articles it had not done to the build's own loop.
    await runRecognizePool(pool.workerFile, pool.size, { paths, paragraphs: (p) => store.paragraphs(p), visit }).catch((error: Error) =>
      this.emit({ kind: 'notice', message: `${error.message}; the names it had not recognized are recognized without it` }),
    );
  };

  /** The user's corrections (the text of .corpus-lens/entities.json); a malformed text keeps the last good ones. */
  setEntityOverrides(text: string): OverridesParse {
    const parsed = parseOverrides(text);
    if (parsed.ok) {
      this.entities.index.setOverrides(parsed.overrides);
      this.emit({ kind: 'entities' });
    }
    return parsed;
  }

  /**
   * `typing`: the query is still being written (its last word matches as a prefix); `entityFacets`:
   * also count the people and organizations of the best hits (the search panel shows them).
   */
  async search(text: string, limit = 50, options: EngineSearchOptions = {}): Promise<SearchOutcome> {
    const started = performance.now();
    const parsed = parseQuery(text);
    if (!parsed.ok) return parsed;
    const state = this.searchState;
    if (state.kind === 'loading') return { ok: false, loading: true, error: loadingMessage(state) };
    if (state.kind === 'off') return { ok: false, error: state.message };
    if (state.kind === 'none' || !this.searchBackend) return { ok: false, loading: true, error: 'The corpus is still loading…' };
    const onlyPaths = entityFilter(this.entities.index, parsed.query.entities, this.entitiesBuilt, this.sources);
    if (typeof onlyPaths === 'string') return { ok: false, error: onlyPaths };
    const entityFacets = this.entitiesBuilt && options.entityFacets ? (paths: string[]) => entityFacetsOf(this.entities.index, paths) : undefined;
    try {
      const results = await this.searchBackend.search(parsed.query, limit, { onlyPaths, entityFacets, typing: options.typing, allPaths: options.allPaths });
      return { ok: true, ...results, ms: performance.now() - started };
    } catch (error) {
      // A database backend may fail a query (gone, restarted, a time limit): the user reads why.
      return { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
  }

  private forget(resolved: string): void {
    const record = this.store?.get(resolved);
    if (!record || !this.store) return;
    const previous = this.entitiesBuilt ? this.store.paragraphsOf(record).map((p) => p.text) : undefined;
    this.store.delete(resolved);
    this.searchBackend?.remove(resolved);
    this.changed({ kind: 'remove', path: resolved });
    if (this.entitiesBuilt) this.entityChanges.add({ removed: resolved, previous });
  }

  private pendingSave: NodeJS.Timeout | undefined;

  /** After a file event: tell listeners now, write the cache a little later (events come in bursts). */
  private changed(change: EngineChange): void {
    this.emit(change);
    if (!this.cacheDir) return;
    clearTimeout(this.pendingSave);
    // A cache that cannot be written is said once (the engine then runs without one).
    this.pendingSave = setTimeout(
      () => void this.trySaveCache({ articles: true, index: false }).then((reason) => reason && this.emit({ kind: 'notice', message: reason })),
      2000,
    );
  }

  /** Resolves the corpus's entities again after file changes, now instead of after the pause. */
  settleEntities(): void {
    this.entityChanges.settle();
  }

  /**
   * A burst of file events (a `git checkout` of the corpus): removals and updates applied in one go,
   * the entities resolved once at the end. Returns the problems of files that could not be read.
   */
  async applyFileEvents(updated: string[], removed: string[]): Promise<Problem[]> {
    this.entityChanges.holding = true;
    const problems: Problem[] = [];
    try {
      for (const file of removed) this.remove(file);
      for (const file of updated) problems.push(...(await this.update(file)));
    } finally {
      this.entityChanges.holding = false;
      this.entityChanges.flush();
    }
    return problems;
  }

  /** Writes the cache; when it cannot be written, drops it (the engine runs without one) and says why. */
  private async trySaveCache(what: SaveWhat): Promise<string | undefined> {
    try {
      await this.saveStores(what);
      return undefined;
    } catch (error) {
      return this.cacheUnwritable((error as Error).message);
    }
  }

  /** Drops the cache folder (the engine runs without one from now on) and says why. */
  private cacheUnwritable(why: string, dir = this.cacheDir): string {
    const reason = `the cache ${dir} cannot be written (${why}); Corpus Lens works without it, and the next session reads the corpus again`;
    this.cacheDir = undefined;
    this.entitiesCacheFile = undefined;
    return reason;
  }

  /** Saves every store now (the search index even after a few changes). */
  saveCache(): Promise<void> {
    return this.saveStores({ articles: true, index: true });
  }

  /** `articles`: the summaries (and text file) changed; `index`: save the index even for a few changes (else only past a share of the corpus). */
  private async saveStores(what: SaveWhat): Promise<void> {
    if (this.entitiesBuilt && this.entitiesCacheFile) {
      // The names cache keeps settled entities only: a session restores it as it is.
      this.settleEntities();
      await this.entities.saveCache(this.entitiesCacheFile);
    }
    if (!this.cacheDir || !this.store) return;
    const signature = parseSignature(this.options);
    if (what.articles) await this.store.save(signature);
    await this.searchBackend?.save(this.cacheDir, signature, what.index);
  }

  dispose(): void {
    clearTimeout(this.pendingSave);
    clearTimeout(this.storiesTimer);
    this.entityChanges.dispose();
    this.store?.dispose();
    this.searchBackend?.dispose?.();
  }

  private emit(change: EngineChange): void {
    if (change.kind !== 'search' && change.kind !== 'notice') this.tree.invalidate();
    for (const listener of this.listeners) listener(change);
    if (change.kind === 'entities') this.clusterStoriesSoon();
  }

  private storiesTimer: NodeJS.Timeout | undefined;

  /**
   * New entities: the stories are clustered once the thread is free, not when the first hover card
   * asks how many outlets report each article (about a second at BBC ×50).
   */
  private clusterStoriesSoon(): void {
    clearTimeout(this.storiesTimer);
    this.storiesTimer = setTimeout(() => this.entitiesBuilt && this.views.clusterStories(), STORIES_DELAY_MS);
  }
}
