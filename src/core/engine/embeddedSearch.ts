/**
 * The embedded search backend: minisearch over the article repository, loaded from its saved file
 * or built in the background (the thread keeps answering; searches meanwhile say how far it got),
 * refused before it starts when it would not fit the memory budget, and kept in step with the
 * repository afterwards.
 */
import { setImmediate as yieldToEvents } from 'node:timers/promises';
import type { ParsedQuery } from '../search/query';
import { SearchIndex, type IndexableArticle, type SearchOptions, type SearchResults } from '../search/searchIndex';
import { sameStamp } from '../types';
import type { ArticleRepository, PrepareOptions, SearchBackend, SearchState } from './backend';
import { estimatedIndexMB, overBudgetMessage } from './memoryBudget';
import { indexFileBytes, readIndexFile, writeIndexFile, type IndexedStamps } from './stores/indexFile';

/** Save the index after file changes once this share of the corpus changed (else the next session re-indexes the few from their stamps). */
const SAVE_AFTER_CHANGED_SHARE = 0.02;

export class EmbeddedSearch implements SearchBackend {
  private index: SearchIndex | undefined;
  private current: SearchState = { kind: 'none' };
  private unsaved = 0;

  constructor(private readonly articles: ArticleRepository) {}

  get state(): SearchState {
    return this.current;
  }

  /** An index begun before the articles were read (a cold build), filled as they arrive. */
  private building: { index: SearchIndex; stamps: IndexedStamps } | undefined;

  beginBuild(): void {
    this.building = { index: new SearchIndex(this.corpus), stamps: new Map() };
    this.current = { kind: 'loading', share: 0 };
  }

  /** Whether changes go into an index now (a ready one, or one being built as files are read). */
  get accepting(): boolean {
    return this.current.kind === 'ready' || this.building !== undefined;
  }

  private readonly corpus = { summary: (p: string) => this.articles.get(p), paragraphs: (p: string) => this.articles.paragraphs(p) };

  async prepare(options: PrepareOptions): Promise<{ rebuilt?: string }> {
    const { articles } = this;
    // The budget is checked on every load: a lower one turns off an index already loaded.
    const neededMB = estimatedIndexMB(articles.textBytes, articles.size);
    if (neededMB > options.budgetMB) {
      this.index = this.building = undefined;
      this.current = { kind: 'off', message: overBudgetMessage(articles.size, articles.textBytes, neededMB, options.budgetMB) };
      return {};
    }
    if (this.current.kind === 'ready') return {};
    if (this.building) {
      const { index, stamps } = this.building;
      this.building = undefined;
      this.unsaved += stamps.size + reconcile(index, stamps, articles);
      this.index = index;
      this.current = { kind: 'ready' };
      return {};
    }
    this.current = { kind: 'loading', share: 0 };
    const progress = (share: number) => {
      if (this.current.kind === 'loading') this.current = { kind: 'loading', share };
      options.onProgress?.(share);
    };
    const corpus = this.corpus;
    const saved =
      options.dir && (await indexFileBytes(options.dir)) !== undefined
        ? await readIndexFile(options.dir, options.signature, corpus, progress)
        : { missing: true as const };
    if (!options.isCurrent()) return {};
    let built: { index: SearchIndex; stamps: IndexedStamps };
    if ('index' in saved) built = saved;
    else {
      built = await this.build(corpus, options, progress);
      if (!options.isCurrent()) return {};
    }
    this.unsaved += reconcile(built.index, built.stamps, articles);
    this.index = built.index;
    this.current = { kind: 'ready' };
    return { rebuilt: 'invalid' in saved ? `the saved search index ${saved.invalid}` : undefined };
  }

  /** Indexes every article of the repository, yielding now and then; the stamps say which version of each it took. */
  private async build(corpus: ConstructorParameters<typeof SearchIndex>[0], options: PrepareOptions, progress: (share: number) => void) {
    const index = new SearchIndex(corpus);
    const stamps: IndexedStamps = new Map();
    let done = 0;
    for (const record of this.articles.values()) {
      const article = this.articles.article(record.path);
      if (article) index.upsert(article);
      stamps.set(record.path, { size: record.size, mtimeMs: record.mtimeMs });
      if (++done % 100 === 0) {
        progress(done / this.articles.size);
        await yieldToEvents();
        if (!options.isCurrent()) break;
      }
    }
    this.unsaved += done;
    return { index, stamps };
  }

  /** `article`: the article as just read, to save reading its text back. */
  upsert(path: string, article?: IndexableArticle): void {
    const target = this.index ?? this.building?.index;
    if (!target) return;
    const indexed = article ?? this.articles.article(path);
    if (indexed) target.upsert(indexed);
    const record = this.articles.get(path);
    if (this.building && record) this.building.stamps.set(path, { size: record.size, mtimeMs: record.mtimeMs });
    this.unsaved++;
  }

  remove(path: string): void {
    if (!this.index) return;
    this.index.remove(path);
    this.unsaved++;
  }

  async search(query: ParsedQuery, limit: number, options: SearchOptions): Promise<SearchResults> {
    if (!this.index) throw new Error('the search index is not ready');
    return this.index.search(query, limit, options);
  }

  async save(dir: string, signature: string, force: boolean): Promise<void> {
    if (!this.index || this.current.kind !== 'ready' || this.unsaved === 0) return;
    if (!force && this.unsaved < this.articles.size * SAVE_AFTER_CHANGED_SHARE) return;
    const unsaved = this.unsaved;
    await writeIndexFile(dir, signature, this.index, this.articles.values());
    this.unsaved -= unsaved;
  }
}

/**
 * Brings an index in step with the repository: articles whose stamp differs from the one indexed
 * are indexed again, those gone are removed. Returns how many it changed. Runs without a pause, so
 * no file event slips in between.
 */
function reconcile(index: SearchIndex, stamps: IndexedStamps, articles: ArticleRepository): number {
  let changed = 0;
  for (const path of stamps.keys()) {
    if (!articles.has(path)) {
      index.remove(path);
      changed++;
    }
  }
  for (const record of articles.values()) {
    if (sameStamp(stamps.get(record.path), record)) continue;
    const article = articles.article(record.path);
    if (article) index.upsert(article);
    changed++;
  }
  return changed;
}
