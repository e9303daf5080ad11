/**
 * Builds the entity index for a corpus: runs the recognizer on each article (yielding between
 * articles so requests are still answered, cancellable, with progress), and keeps what it found
 * per file in an on-disk cache keyed by path, size, mtime and the model's version.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readJsonCache, writeJsonAtomically } from '../corpusCache';
import { recognizeArticle } from '../ner/articleEntities';
import { parseModel } from '../ner/model';
import { defaultModelPath, Recognizer } from '../ner/recognizer';
import type { Article } from '../types';
import { EntityIndex } from './entityIndex';
import { acronymDefinitions } from './names';
import type { ArticleNames } from './resolve';

const NAMES_CACHE_VERSION = 1;

interface NamesCache {
  version: number;
  model: string;
  files: Record<string, { size: number; mtimeMs: number } & ArticleNames>;
}

export interface EntityBuildOptions {
  cacheFile?: string;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
}

export interface EntityBuildReport {
  fromCache: number;
  recognized: number;
  cancelled: boolean;
  cacheRebuilt?: string;
  ms: number;
}

/** Names of one article: everything the recognizer tags (types are decided across the corpus) and its acronym definitions. */
export function articleNames(recognizer: Recognizer, article: Pick<Article, 'paragraphs'>): ArticleNames {
  return {
    names: recognizeArticle(recognizer, article).map((m) => ({ type: m.type, text: m.text })),
    acronyms: article.paragraphs.flatMap((p) => acronymDefinitions(p.text)),
  };
}

export class CorpusEntities {
  readonly index = new EntityIndex();
  private loaded: { recognizer: Recognizer; version: string } | undefined;
  private cache: NamesCache | undefined;

  constructor(private readonly modelFile = defaultModelPath()) {}

  /** The model loads on first use; its version is a hash of the file. */
  private get model(): { recognizer: Recognizer; version: string } {
    if (!this.loaded) {
      const bytes = readFileSync(this.modelFile);
      this.loaded = { recognizer: new Recognizer(parseModel(bytes)), version: createHash('sha1').update(bytes).digest('hex').slice(0, 16) };
    }
    return this.loaded;
  }

  get recognizer(): Recognizer {
    return this.model.recognizer;
  }

  async build(articles: readonly Article[], options: EntityBuildOptions = {}): Promise<EntityBuildReport> {
    const started = performance.now();
    const { recognizer, version } = this.model;
    const read = options.cacheFile ? await readJsonCache<NamesCache>(options.cacheFile, NAMES_CACHE_VERSION, (d) => typeof d.files === 'object' && d.files !== null) : { missing: true as const };
    const old = 'data' in read && read.data.model === version ? read.data.files : {};
    const files: NamesCache['files'] = {};
    let fromCache = 0;
    for (let i = 0; i < articles.length; i++) {
      if (options.signal?.aborted) return { fromCache, recognized: i - fromCache, cancelled: true, ms: performance.now() - started };
      const article = articles[i];
      const hit = old[article.path];
      if (hit && hit.size === article.size && hit.mtimeMs === article.mtimeMs) {
        files[article.path] = hit;
        fromCache++;
      } else {
        files[article.path] = { size: article.size, mtimeMs: article.mtimeMs, ...articleNames(recognizer, article) };
        // Let the worker answer searches and hovers between articles.
        if (i % 8 === 7) await new Promise((resolve) => setImmediate(resolve));
      }
      if (i % 50 === 49) options.onProgress?.(i + 1, articles.length);
    }
    options.onProgress?.(articles.length, articles.length);
    this.index.reset(articles.map((article) => ({ article, names: files[article.path] })));
    this.cache = { version: NAMES_CACHE_VERSION, model: version, files };
    if (options.cacheFile && fromCache !== articles.length) await writeJsonAtomically(options.cacheFile, this.cache);
    const rebuilt = 'invalid' in read ? read.invalid : 'data' in read && read.data.model !== version ? 'was made by another model' : undefined;
    return { fromCache, recognized: articles.length - fromCache, cancelled: false, cacheRebuilt: rebuilt, ms: performance.now() - started };
  }

  /** After a file changed: recognize it again and update the index. */
  upsert(article: Article): void {
    const names = articleNames(this.model.recognizer, article);
    if (this.cache) this.cache.files[article.path] = { size: article.size, mtimeMs: article.mtimeMs, ...names };
    this.index.upsert(article, names);
  }

  remove(path: string): void {
    if (this.cache) delete this.cache.files[path];
    this.index.remove(path);
  }

  async saveCache(cacheFile: string): Promise<void> {
    if (this.cache) await writeJsonAtomically(cacheFile, this.cache);
  }
}
