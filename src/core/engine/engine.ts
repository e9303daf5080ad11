/**
 * The one object features talk to: it owns the loaded articles and their search index, keeps them
 * current as files change, caches them on disk, and tells listeners when they changed.
 * No VS Code here: the CLI, the benchmarks and the tests use it as is.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { readCache, writeCache, CACHE_VERSION } from './corpusCache';
import { parseSignature } from '../ingest/parse';
import { isCorpusArticleFile, isSkippedFolder, listArticleFiles, readArticles, readArticle, type LoadOptions } from '../ingest/loader';
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
import { recognizeArticle, type Mention } from '../ner/articleEntities';
import { parseQuery } from '../search/query';
import { SearchIndex, type SearchResults } from '../search/searchIndex';
import { summarize, type Article, type ArticleSummary, type Paragraph, type Problem } from '../types';

/** What changed: everything (after a load), or one article added, changed or removed. */
export type EngineChange =
  { kind: 'reset' } | { kind: 'upsert'; article: Article } | { kind: 'remove'; path: string } | { kind: 'entities' } | { kind: 'notice'; message: string };
export type ChangeListener = (change: EngineChange) => void;

export interface EngineLoadOptions extends Pick<LoadOptions, 'signal' | 'onProgress'> {
  /** Where to keep the cache of parsed articles and index; none means no cache. */
  cacheFile?: string;
}

export interface LoadReport {
  problems: Problem[];
  /** How many articles came from the cache, and how many files were (re)read. */
  fromCache: number;
  parsed: number;
  /** Set when a cache existed but could not be used, and was rebuilt. */
  cacheRebuilt?: string;
  /** Set when the cache cannot be written (a read-only or full disk): the engine goes on without one. */
  cacheUnwritable?: string;
}

export interface EngineSearchOptions {
  typing?: boolean;
  entityFacets?: boolean;
}

export type SearchOutcome = ({ ok: true } & SearchResults & { ms: number }) | { ok: false; error: string };

export class CorpusEngine {
  private readonly byPath = new Map<string, Article>();
  private readonly listeners = new Set<ChangeListener>();
  private index = new SearchIndex();
  private corpusFolders: string[] = [];
  private generation = 0;
  private cacheFile: string | undefined;

  constructor(private options: LoadOptions = {}) {}

  get folders(): readonly string[] {
    return this.corpusFolders;
  }

  get size(): number {
    return this.byPath.size;
  }

  setOptions(options: LoadOptions): void {
    this.options = options;
  }

  onDidChange(listener: ChangeListener): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /**
   * Replaces the corpus with what the folders hold now, reusing cached articles whose file has the
   * same size and mtime. A newer call makes an older one a no-op.
   */
  async load(folders: string[], options: EngineLoadOptions = {}): Promise<LoadReport> {
    const generation = ++this.generation;
    const problems: Problem[] = [];
    const report = (p: Problem) => problems.push(p);
    const files = await listArticleFiles(folders, report);
    const cached = options.cacheFile ? await readCache(options.cacheFile, parseSignature(this.options)) : { missing: true as const };
    const cachedByPath = new Map('data' in cached ? cached.data.articles.map((a) => [a.path, a]) : []);
    const stats = await statAll(files);
    const fresh: Article[] = [];
    const stale: string[] = [];
    stats.forEach((stat, i) => {
      const hit = cachedByPath.get(files[i]);
      if (hit && stat && hit.size === stat.size && hit.mtimeMs === stat.mtimeMs) fresh.push(hit);
      else stale.push(files[i]);
    });
    const parsed = await readArticles(stale, {
      ...this.options,
      signal: options.signal,
      onProblem: report,
      onProgress: (done) => options.onProgress?.(fresh.length + done, files.length),
    });
    if (generation !== this.generation || options.signal?.aborted) return { problems, fromCache: fresh.length, parsed: parsed.length };

    const index = 'data' in cached ? new SearchIndex(cached.data.index) : new SearchIndex();
    const freshPaths = new Set(fresh.map((a) => a.path));
    for (const cachedPath of cachedByPath.keys()) if (!freshPaths.has(cachedPath)) index.remove(cachedPath);
    fresh.forEach((a) => (index.has(a.path) ? index.attach(a) : index.upsert(a)));
    parsed.forEach((a) => index.upsert(a));

    this.index = index;
    this.cacheFile = options.cacheFile;
    this.corpusFolders = folders.map((f) => path.resolve(f));
    this.byPath.clear();
    for (const article of [...fresh, ...parsed]) this.byPath.set(article.path, article);
    this.entitiesBuilt = false;
    const changed = parsed.length > 0 || cachedByPath.size !== fresh.length;
    const cacheUnwritable = this.cacheFile && changed ? await this.trySaveCache() : undefined;
    this.emit({ kind: 'reset' });
    return { problems, fromCache: fresh.length, parsed: parsed.length, cacheRebuilt: 'invalid' in cached ? cached.invalid : undefined, cacheUnwritable };
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
    const result = await readArticle(resolved, this.options);
    // A load that started or ended while the file was read decides what the corpus holds.
    if (generation !== this.generation || !this.contains(resolved)) return undefined;
    if ('problem' in result) {
      this.forget(resolved);
      return result.problem;
    }
    this.byPath.set(result.article.path, result.article);
    this.index.upsert(result.article);
    this.changed({ kind: 'upsert', article: result.article });
    return undefined;
  }

  remove(filePath: string): void {
    const resolved = path.resolve(filePath);
    // A deleted folder arrives as one event for the folder.
    const gone = [...this.byPath.keys()].filter((key) => key === resolved || key.startsWith(resolved + path.sep));
    gone.forEach((key) => this.forget(key));
  }

  articles(): Article[] {
    return [...this.byPath.values()];
  }

  get(filePath: string): Article | undefined {
    return this.byPath.get(path.resolve(filePath));
  }

  /** The names the recognizer finds in one article of the corpus (the model loads on first use). */
  names(filePath: string): Mention[] | undefined {
    const article = this.get(filePath);
    return article && recognizeArticle(this.entities.recognizer, article);
  }

  /** What was read from one article of the corpus: its metadata and its reading text with line numbers. */
  whatWasRead(filePath: string): (ArticleSummary & { paragraphs: Paragraph[] }) | undefined {
    const article = this.get(filePath);
    return article && { ...summarize(article), paragraphs: article.paragraphs };
  }

  /** The first paragraphs of an article's reading text (tooltips). */
  paragraphs(filePath: string, count: number): Paragraph[] {
    return this.get(filePath)?.paragraphs.slice(0, count) ?? [];
  }

  /** The name under a cursor in a line of text, with its card; `path`: the corpus article the line is from. */
  hoverAt(text: string, offset: number, options: CardOptions, path?: string): HoverAnswer | undefined {
    return hoverAt(this.entities.index, this.lookup, text, offset, options, path);
  }

  /** An entity's card, by id or by any of its names. */
  entityCard(name: string, options: CardOptions): EntityCard | undefined {
    return cardFor(this.entities.index, this.lookup, name, options);
  }

  /** Every mention of an entity, placed in its file. */
  entityMentions(id: string): Promise<MentionLocation[]> {
    return mentionLocations(this.entities.index, this.lookup, id);
  }

  entityList(): EntityInfo[] {
    return this.entities.index.list();
  }

  private readonly lookup = (filePath: string) => this.get(filePath);

  /** People and organisations across the corpus; kept current by file changes once built. */
  readonly entities = new CorpusEntities();
  private entitiesBuilt = false;
  private entitiesCacheFile: string | undefined;

  /** Recognizes the names of every article (cached per file) and resolves them into entities. */
  async buildEntities(options: EntityBuildOptions = {}): Promise<EntityBuildReport> {
    const generation = this.generation;
    const report = await this.entities.build(this.articles(), options);
    if (!report.cancelled && generation === this.generation) {
      this.entitiesBuilt = true;
      this.entitiesCacheFile = options.cacheFile;
      this.emit({ kind: 'entities' });
    }
    return report;
  }

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
  search(text: string, limit = 50, options: EngineSearchOptions = {}): SearchOutcome {
    const started = performance.now();
    const parsed = parseQuery(text);
    if (!parsed.ok) return parsed;
    const onlyPaths = entityFilter(this.entities.index, parsed.query.entities, this.entitiesBuilt);
    if (typeof onlyPaths === 'string') return { ok: false, error: onlyPaths };
    const entityFacets = this.entitiesBuilt && options.entityFacets ? (paths: string[]) => entityFacetsOf(this.entities.index, paths) : undefined;
    return { ok: true, ...this.index.search(parsed.query, limit, { onlyPaths, entityFacets, typing: options.typing }), ms: performance.now() - started };
  }

  private forget(resolved: string): void {
    if (!this.byPath.delete(resolved)) return;
    this.index.remove(resolved);
    this.changed({ kind: 'remove', path: resolved });
  }

  private pendingSave: NodeJS.Timeout | undefined;

  /** After a file event: tell listeners now, write the cache a little later (events come in bursts). */
  private changed(change: EngineChange): void {
    this.emit(change);
    if (this.entitiesBuilt) this.updateEntities(change);
    if (!this.cacheFile) return;
    clearTimeout(this.pendingSave);
    // A cache that cannot be written is said once (the engine then runs without one).
    this.pendingSave = setTimeout(() => void this.trySaveCache().then((reason) => reason && this.emit({ kind: 'notice', message: reason })), 2000);
  }

  private updateEntities(change: EngineChange): void {
    if (change.kind !== 'upsert' && change.kind !== 'remove') return;
    if (this.batch) {
      if (change.kind === 'upsert') this.batch.changed.set(change.article.path, change.article);
      else this.batch.removed.add(change.path);
      return;
    }
    this.entities.update(change.kind === 'upsert' ? [change.article] : [], change.kind === 'remove' ? [change.path] : []);
    this.emit({ kind: 'entities' });
  }

  /** Entity changes held while a batch of file events is applied, then resolved once. */
  private batch: { changed: Map<string, Article>; removed: Set<string> } | undefined;

  /**
   * A burst of file events (a `git checkout` of the corpus): removals and updates applied in one go,
   * the entities resolved once at the end. Returns the problems of files that could not be read.
   */
  async applyFileEvents(updated: string[], removed: string[]): Promise<Problem[]> {
    const batch = (this.batch = { changed: new Map<string, Article>(), removed: new Set<string>() });
    const problems: Problem[] = [];
    try {
      for (const file of removed) this.remove(file);
      for (const file of updated) problems.push(...(await this.update(file)));
    } finally {
      this.batch = undefined;
    }
    if (this.entitiesBuilt && (batch.changed.size > 0 || batch.removed.size > 0)) {
      const removedNow = [...batch.removed].filter((p) => !batch.changed.has(p));
      this.entities.update([...batch.changed.values()], removedNow);
      this.emit({ kind: 'entities' });
    }
    return problems;
  }

  /** Writes the cache; when it cannot be written, drops it (the engine runs without one) and says why. */
  private async trySaveCache(): Promise<string | undefined> {
    try {
      await this.saveCache();
      return undefined;
    } catch (error) {
      const reason = `the cache ${this.cacheFile} cannot be written (${(error as Error).message}); Corpus Lens works without it, and the next session reads the corpus again`;
      this.cacheFile = undefined;
      this.entitiesCacheFile = undefined;
      return reason;
    }
  }

  async saveCache(): Promise<void> {
    if (this.entitiesBuilt && this.entitiesCacheFile) await this.entities.saveCache(this.entitiesCacheFile);
    if (!this.cacheFile) return;
    await writeCache(this.cacheFile, {
      version: CACHE_VERSION,
      signature: parseSignature(this.options),
      articles: this.articles(),
      index: this.index.serialize(),
    });
  }

  dispose(): void {
    clearTimeout(this.pendingSave);
  }

  private emit(change: EngineChange): void {
    for (const listener of this.listeners) listener(change);
  }
}

async function statAll(files: string[]): Promise<({ size: number; mtimeMs: number } | undefined)[]> {
  const out: ({ size: number; mtimeMs: number } | undefined)[] = new Array(files.length);
  let next = 0;
  const worker = async () => {
    while (next < files.length) {
      const i = next++;
      out[i] = await fs.stat(files[i]).then(
        (s) => ({ size: s.size, mtimeMs: s.mtimeMs }),
        () => undefined,
      );
    }
  };
  await Promise.all(Array.from({ length: Math.min(32, files.length) }, worker));
  return out;
}
