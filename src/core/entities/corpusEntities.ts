/**
 * Builds the entity index for a corpus: runs the recognizer on each article (yielding between
 * articles so requests are still answered, cancellable, with progress), and keeps what it found
 * per file in an on-disk cache keyed by path, size, mtime and the model's version.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readJsonCache, writeJsonAtomically } from '../engine/stores/jsonFiles';
import { recognizeArticle } from '../ner/articleEntities';
import { parseModel } from '../ner/model';
import { defaultModelPath, Recognizer } from '../ner/recognizer';
import { sameStamp, type Article, type Paragraph } from '../types';
import { EntityIndex, type IndexedArticle } from './entityIndex';
import type { PackedMentions } from './mentionTable';
import { acronymDefinitions } from './names';
import { findQuotes } from '../quotes/quotes';
import { packQuotes } from '../quotes/quotePacking';
import { storyFeatures, textHash } from '../stories/storyFeatures';
import type { ArticleNames, Resolution } from './resolve';
import type { WordCaseSnapshot } from './wordCase';

/** Raised when what the cache holds changes shape, or when the recognizer's rules change what they find with the same model file (8: quotes and story features kept with the names, packed; 10: one name, one type in a document). */
const NAMES_CACHE_VERSION = 10;

/**
 * Per file: what the recognizer found, and where the entities are mentioned (flat quadruples
 * entity, paragraph, start, end, indexing `entities`). When no file changed and the corrections are
 * the same, the entities and mentions are taken as they are, without resolving or scanning again.
 */
export interface NamesCache {
  version: number;
  model: string;
  overrides: string;
  resolution: Resolution;
  /** The corpus's word-case counts (absent when they were not taken). */
  wordCase?: WordCaseSnapshot;
  /** `mentions` as a file keeps them, or packed as a database's names are read. */
  files: Record<string, { size: number; mtimeMs: number; mentions: number[] | PackedMentions } & ArticleNames>;
}

export interface EntityBuildOptions {
  cacheFile?: string;
  /** Names kept elsewhere (a database backend's), taken before the cache file's; recognized names are written to `cacheFile` all the same. */
  preloaded?: NamesCache;
  /** Recognizes many articles elsewhere (the parse pool), calling `visit` for each; the rest are recognized here. */
  recognizeMany?: (paths: string[], visit: (path: string, names: ArticleNames) => void) => Promise<void>;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
}

export interface EntityBuildReport {
  /** Articles whose names were taken as stored: from the cache file, or (`fromStored` of them) from the database. */
  fromCache: number;
  fromStored?: number;
  recognized: number;
  cancelled: boolean;
  cacheRebuilt?: string;
  /** Set when the cache cannot be written: the entities are built all the same. */
  cacheUnwritable?: string;
  ms: number;
}

/** Names of one article: everything the recognizer tags (types are decided across the corpus) and its acronym definitions. */
export function articleNames(recognizer: Recognizer, article: Pick<Article, 'paragraphs'>): ArticleNames {
  const mentions = recognizeArticle(recognizer, article);
  const texts = article.paragraphs.map((p) => p.text);
  return {
    names: mentions.map((m) => ({ type: m.type, text: m.text })),
    acronyms: texts.flatMap((text) => acronymDefinitions(text)),
    quotes: packQuotes(
      findQuotes(
        texts,
        mentions.map((m) => ({ type: m.type, paragraph: m.paragraphIndex, start: m.start, end: m.end, text: m.text })),
      ),
    ),
    story: storyFeatures(
      texts,
      mentions.map((m) => m.text),
    ),
  };
}

/** An article as the entity build sees it: its file stamp; its text is read only when it must be recognized. */
export interface StampedArticle {
  path: string;
  size: number;
  mtimeMs: number;
}

/** Reads an article's paragraphs from wherever the engine keeps them. */
export type ParagraphSource = (path: string) => Paragraph[];

export class CorpusEntities {
  readonly index: EntityIndex;
  private loaded: Recognizer | undefined;
  private version: string | undefined;
  private built = false;
  private readonly stamps = new Map<string, { size: number; mtimeMs: number }>();

  /** `paragraphs`: where the articles' texts are; the index reads them from there instead of keeping them. */
  constructor(
    private readonly paragraphs: ParagraphSource,
    private readonly modelFile = defaultModelPath(),
  ) {
    this.index = new EntityIndex((path) => paragraphs(path).map((p) => p.text));
  }

  /**
   * The model's version is a hash of its file; the recognizer (15 MB of weights) is parsed only when
   * an article must be recognized in this thread: names read from a database or a cache never need it.
   */
  get recognizer(): Recognizer {
    if (!this.loaded) {
      const bytes = readFileSync(this.modelFile);
      this.version ??= versionOf(bytes);
      this.loaded = new Recognizer(parseModel(bytes));
    }
    return this.loaded;
  }

  /** Whether the recognizer's weights were read into memory (only an article recognized in this thread needs them). */
  get recognizerLoaded(): boolean {
    return this.loaded !== undefined;
  }

  async build(articles: readonly StampedArticle[], options: EntityBuildOptions = {}): Promise<EntityBuildReport> {
    const started = performance.now();
    const version = this.modelVersion;
    const stored = usable(options.preloaded, version) ? adoptCopies(options.preloaded, articles, this.paragraphs) : undefined;
    // Names stored for every article leave nothing for the cache file to add: it is not read (at ×20, 0.6 s and its whole size in garbage).
    const storedCoversAll = stored !== undefined && articles.every((a) => sameStamp(stored.files[a.path], a));
    const read = options.cacheFile && !storedCoversAll ? await readNamesCache(options.cacheFile) : { missing: true as const };
    const fromFile = 'data' in read && read.data.model === version ? read.data : undefined;
    const { cached, mixed } = stored ? withFallback(stored, fromFile, articles) : { cached: fromFile, mixed: false };
    const found: { article: StampedArticle; names: ArticleNames; mentions?: number[] | PackedMentions }[] = [];
    let fromCache = 0;
    // Names recognized elsewhere (the parse pool's threads) for the articles the cache does not cover.
    const recognized = new Map<string, ArticleNames>();
    const missing = articles.filter((a) => !sameStamp(cached?.files[a.path], a)).map((a) => a.path);
    await options.recognizeMany?.(missing, (path, names) => recognized.set(path, names));
    for (let i = 0; i < articles.length; i++) {
      if (options.signal?.aborted) return { fromCache, recognized: i - fromCache, cancelled: true, ms: performance.now() - started };
      const article = articles[i];
      const hit = cached?.files[article.path];
      const elsewhere = recognized.get(article.path);
      if (hit && sameStamp(hit, article)) {
        // Only the names are kept per article: the cache entry's stamp and mentions (kept packed by the index) would double the memory.
        found.push({ article, names: namesOf(hit), mentions: hit.mentions });
        fromCache++;
      } else if (elsewhere) {
        found.push({ article, names: elsewhere });
      } else {
        found.push({ article, names: articleNames(this.recognizer, { paragraphs: this.paragraphs(article.path) }) });
        // Let the worker answer searches and hovers between articles.
        if (i % 8 === 7) await new Promise((resolve) => setImmediate(resolve));
      }
      if (i % 50 === 49) options.onProgress?.(i + 1, articles.length);
    }
    options.onProgress?.(articles.length, articles.length);
    this.built = true;
    this.stamps.clear();
    for (const { article } of found) this.stamps.set(article.path, { size: article.size, mtimeMs: article.mtimeMs });
    const unchanged =
      cached !== undefined &&
      !mixed &&
      fromCache === articles.length &&
      Object.keys(cached.files).length === articles.length &&
      cached.overrides === this.index.overridesSignature();
    // The texts are read one article at a time, as the index counts their words, never all at once.
    const withTexts = (function* (paragraphs: ParagraphSource): Generator<IndexedArticle> {
      for (const { article, names } of found) yield { article: { path: article.path, paragraphs: paragraphs(article.path) }, names };
    })(this.paragraphs);
    if (unchanged)
      this.index.restore(
        found.map((f) => ({ article: { path: f.article.path, paragraphs: [] }, names: f.names, mentions: f.mentions ?? [] })),
        cached.resolution,
        cached.wordCase,
      );
    else this.index.reset(withTexts);
    const cacheUnwritable =
      options.cacheFile && !unchanged
        ? await this.saveCache(options.cacheFile).then(
            () => undefined,
            (error: Error) => `the entities cache cannot be written (${error.message}); the entities are built without it`,
          )
        : undefined;
    const rebuilt = 'invalid' in read ? read.invalid : 'data' in read && read.data.model !== version ? 'was made by another model' : undefined;
    const fromStored = stored ? found.filter(({ article }) => sameStamp(stored.files[article.path], article)).length : undefined;
    return {
      fromCache,
      fromStored,
      recognized: articles.length - fromCache,
      cancelled: false,
      cacheRebuilt: rebuilt,
      cacheUnwritable,
      ms: performance.now() - started,
    };
  }

  /**
   * After files changed: recognize the changed ones again and update the index once for all of
   * them. `previous`: the texts they had before, to take out of the word counts. `resolveNow`
   * false: only the changed articles are scanned now; `index.settle()` resolves the corpus again.
   */
  update(changed: { article: Article; previous?: readonly string[] }[], removed: { path: string; previous?: readonly string[] }[], resolveNow = true): void {
    for (const { path } of removed) this.stamps.delete(path);
    const upserts = changed.map(({ article, previous }) => {
      this.stamps.set(article.path, { size: article.size, mtimeMs: article.mtimeMs });
      return { article, names: articleNames(this.recognizer, article), previous };
    });
    this.index.update(upserts, removed, resolveNow);
  }

  async saveCache(cacheFile: string): Promise<void> {
    const cache = this.snapshot();
    if (cache) await writeJsonAtomically(cacheFile, cache);
  }

  /** Everything a names cache keeps, for a file or a database; undefined before the first build. */
  snapshot(): NamesCache | undefined {
    if (!this.built) return undefined;
    const { resolution, wordCase, files } = this.index.snapshot();
    const cache: NamesCache = {
      version: NAMES_CACHE_VERSION,
      model: this.modelVersion,
      overrides: this.index.overridesSignature(),
      resolution,
      wordCase,
      files: {},
    };
    for (const [path, entry] of files) {
      const stamp = this.stamps.get(path);
      if (stamp) cache.files[path] = { ...stamp, ...entry };
    }
    return cache;
  }

  /** The model's version (a hash of its file): names recognized by another model are recognized again. */
  get modelVersion(): string {
    this.version ??= versionOf(readFileSync(this.modelFile));
    return this.version;
  }
}

function versionOf(modelBytes: Buffer): string {
  return createHash('sha1').update(modelBytes).digest('hex').slice(0, 16);
}

/** One object per name (type and spelling) across a corpus, shared by every article that has it. */
export type SharedNames = Map<string, ArticleNames['names'][number]>;

/**
 * An article's names without what a cache keeps beside them. With `shared`, one object per name
 * across the corpus: a name read from a cache is otherwise a new object and string in every article
 * (at ×50, 1.7 KB an article while a database's names are read, where the shared ones take 0.3 KB).
 */
export function namesOf({ names, acronyms, quotes, story }: ArticleNames, shared?: SharedNames): ArticleNames {
  if (!shared) return { names, acronyms, quotes, story };
  const one = ({ type, text }: ArticleNames['names'][number]) => {
    const key = `${type}:${text}`;
    let name = shared.get(key);
    if (!name) shared.set(key, (name = { type, text }));
    return name;
  };
  return { names: names.map(one), acronyms, quotes, story };
}

function usable(cache: NamesCache | undefined, model: string): cache is NamesCache {
  return cache !== undefined && cache.version === NAMES_CACHE_VERSION && cache.model === model;
}

function readNamesCache(file: string): ReturnType<typeof readJsonCache<NamesCache>> {
  return readJsonCache<NamesCache>(
    file,
    NAMES_CACHE_VERSION,
    (d) => typeof d.files === 'object' && d.files !== null && typeof d.resolution === 'object' && d.resolution !== null && Array.isArray(d.resolution.entities),
  );
}

/**
 * A copy of the corpus (a clone, a copy without its times) has other modification times than the
 * files the names were stored from: an article of the same size and the same reading text (its
 * hash, kept with its story features) takes its stored names all the same.
 */
function adoptCopies(stored: NamesCache, articles: readonly StampedArticle[], paragraphs: ParagraphSource): NamesCache {
  let files: NamesCache['files'] | undefined;
  for (const article of articles) {
    const entry = stored.files[article.path];
    if (!entry || sameStamp(entry, article) || entry.size !== article.size || !entry.story) continue;
    if (textHash(paragraphs(article.path).map((p) => p.text)) !== entry.story.text) continue;
    files ??= { ...stored.files };
    files[article.path] = { ...entry, mtimeMs: article.mtimeMs };
  }
  return files ? { ...stored, files } : stored;
}

/**
 * Stored names first, the cache file's for the articles they lack (recognized here since they were
 * stored). The stored resolution is taken as it is only when the stored names cover every article.
 */
function withFallback(stored: NamesCache, file: NamesCache | undefined, articles: readonly StampedArticle[]): { cached: NamesCache; mixed: boolean } {
  if (!file) return { cached: stored, mixed: false };
  const files = { ...stored.files };
  let mixed = false;
  for (const article of articles) {
    const entry = file.files[article.path];
    if (!sameStamp(files[article.path], article) && sameStamp(entry, article)) {
      // Its mentions index the file's resolution, not the stored one: the corpus is resolved again.
      files[article.path] = entry;
      mixed = true;
    }
  }
  return { cached: { ...stored, files }, mixed };
}
