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
import { sameStamp, type Article, type FileStamp, type Paragraph } from '../types';
import { EntityIndex, type IndexedArticle } from './entityIndex';
import { acronymDefinitions } from './names';
import { findQuotes } from '../quotes/quotes';
import { packQuotes } from '../quotes/quotePacking';
import { STORED_STORIES } from '../stories/storedStories';
import { storyFeatures, textHash } from '../stories/storyFeatures';
import type { ArticleNames, Resolution } from './resolve';
import type { WordCaseSnapshot } from './wordCase';
import type { NamesByPath, StoredNames } from './storedNames';

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
  files: Record<string, { size: number; mtimeMs: number; mentions: number[] } & ArticleNames>;
}

export interface EntityBuildOptions {
  cacheFile?: string;
  /** Names kept elsewhere (a database backend's), taken before the cache file's; recognized names are written to `cacheFile` all the same. When they cover every article, the index takes their arrays as they are: they are not to be read after the build. */
  preloaded?: StoredNames;
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
    const stored = usable(options.preloaded, version) ? options.preloaded : undefined;
    const storedStamp = stored ? storedStamps(stored.files, articles, this.paragraphs) : () => undefined;
    // Names stored for every article leave nothing for the cache file to add: it is not read (at ×20, 0.6 s and its whole size in garbage).
    const storedCoversAll = stored !== undefined && articles.every((a) => sameStamp(storedStamp(a.path), a));
    const read = options.cacheFile && !storedCoversAll ? await readNamesCache(options.cacheFile) : { missing: true as const };
    const fromFile = 'data' in read && read.data.model === version ? read.data : undefined;
    const found: { article: StampedArticle; names?: ArticleNames; mentions?: number[] }[] = [];
    let fromStored = 0;
    let fromCache = 0;
    // Names recognized elsewhere (the parse pool's threads) for the articles neither the database nor the cache covers.
    const recognized = new Map<string, ArticleNames>();
    const covered = (a: StampedArticle) => sameStamp(storedStamp(a.path), a) || sameStamp(fromFile?.files[a.path], a);
    await options.recognizeMany?.(
      articles.filter((a) => !covered(a)).map((a) => a.path),
      (path, names) => recognized.set(path, names),
    );
    for (let i = 0; i < articles.length; i++) {
      if (options.signal?.aborted)
        return { fromCache: fromStored + fromCache, recognized: i - fromStored - fromCache, cancelled: true, ms: performance.now() - started };
      const article = articles[i];
      const hit = fromFile?.files[article.path];
      const elsewhere = recognized.get(article.path);
      if (sameStamp(storedStamp(article.path), article)) {
        // Its names stay in the stored arrays until the index takes them (or reads them there).
        found.push({ article });
        fromStored++;
      } else if (hit && sameStamp(hit, article)) {
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
    // Taken as they are: every article's names from one place (the database's, or else the cache file's), and as many articles there.
    const cached = stored ?? fromFile;
    const kept = stored ? fromStored : fromCache;
    const keptCount = stored ? stored.files.size : Object.keys(fromFile?.files ?? {}).length;
    const unchanged = cached !== undefined && kept === articles.length && keptCount === articles.length && cached.overrides === this.index.overridesSignature();
    if (unchanged && stored) {
      this.index.adopt(stored.files.names, stored.files.mentions, stored.resolution, stored.wordCase);
      if (stored.stories) this.index.keepUntilChanged(STORED_STORIES, stored.stories);
    } else if (unchanged && fromFile)
      this.index.restore(
        found.map((f) => ({ article: { path: f.article.path, paragraphs: [] }, names: f.names!, mentions: f.mentions ?? [] })),
        fromFile.resolution,
        fromFile.wordCase,
      );
    else this.index.reset(withTexts(found, this.paragraphs, stored?.files));
    const cacheUnwritable =
      options.cacheFile && !unchanged
        ? await this.saveCache(options.cacheFile).then(
            () => undefined,
            (error: Error) => `the entities cache cannot be written (${error.message}); the entities are built without it`,
          )
        : undefined;
    const rebuilt = 'invalid' in read ? read.invalid : 'data' in read && read.data.model !== version ? 'was made by another model' : undefined;
    return {
      fromCache: fromStored + fromCache,
      fromStored: stored ? fromStored : undefined,
      recognized: articles.length - fromStored - fromCache,
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

  /** Whether what a database stored was made by this model and cache version with this window's corrections (its entities are then this window's). */
  takesStored(stored: Pick<NamesCache, 'version' | 'model' | 'overrides'>): boolean {
    return usable(stored, this.modelVersion) && stored.overrides === this.index.overridesSignature();
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

/** An article's names without what a cache keeps beside them. */
export function namesOf({ names, acronyms, quotes, story }: ArticleNames): ArticleNames {
  return { names, acronyms, quotes, story };
}

function usable<T extends Pick<NamesCache, 'version' | 'model'>>(cache: T | undefined, model: string): cache is T {
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
 * Each article's stored stamp. A copy of the corpus (a clone, a copy without its times) has other
 * modification times than the files the names were stored from: an article of the same size and
 * the same reading text (its hash, kept with its story features) takes its stored names all the same.
 */
function storedStamps(stored: NamesByPath, articles: readonly StampedArticle[], paragraphs: ParagraphSource): (path: string) => FileStamp | undefined {
  const copied = new Map<string, FileStamp>();
  for (const article of articles) {
    const stamp = stored.stamp(article.path);
    if (!stamp || sameStamp(stamp, article) || stamp.size !== article.size) continue;
    const story = stored.names.story(article.path);
    if (story && textHash(paragraphs(article.path).map((p) => p.text)) === story.text) copied.set(article.path, { size: stamp.size, mtimeMs: article.mtimeMs });
  }
  return (path) => copied.get(path) ?? stored.stamp(path);
}

/** The articles with their texts, read one at a time as the index counts their words, never all at once; names kept in `stored` read from there. */
function* withTexts(
  found: readonly { article: StampedArticle; names?: ArticleNames }[],
  paragraphs: ParagraphSource,
  stored?: NamesByPath,
): Generator<IndexedArticle> {
  for (const { article, names } of found) {
    const kept = names ?? stored?.names.get(article.path);
    if (kept) yield { article: { path: article.path, paragraphs: paragraphs(article.path) }, names: kept };
  }
}
