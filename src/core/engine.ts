/**
 * The one object features talk to: it owns the loaded articles, keeps them current as files
 * change, and tells listeners when they did. No VS Code here: the CLI and tests use it as is.
 */
import * as path from 'node:path';
import { loadCorpus, readArticle, type LoadOptions } from './loader';
import { isArticleFile } from './parse';
import type { Article, Problem } from './types';

export type ChangeListener = () => void;

export class CorpusEngine {
  private readonly byPath = new Map<string, Article>();
  private readonly listeners = new Set<ChangeListener>();
  private corpusFolders: string[] = [];
  private generation = 0;

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

  /** Replaces the corpus with what the folders hold now. A newer call makes an older one a no-op. */
  async load(folders: string[], extra: Pick<LoadOptions, 'signal' | 'onProgress'> = {}): Promise<Problem[]> {
    const generation = ++this.generation;
    const result = await loadCorpus(folders, { ...this.options, ...extra });
    if (generation !== this.generation || extra.signal?.aborted) return result.problems;
    this.corpusFolders = folders.map((f) => path.resolve(f));
    this.byPath.clear();
    for (const article of result.articles) this.byPath.set(article.path, article);
    this.emit();
    return result.problems;
  }

  /** True when the path is an article file inside one of the corpus folders. */
  contains(filePath: string): boolean {
    if (!isArticleFile(filePath)) return false;
    const resolved = path.resolve(filePath);
    return this.corpusFolders.some((folder) => resolved === folder || resolved.startsWith(folder + path.sep));
  }

  /** Re-reads one created or changed file. Returns the problem if it could not be read. */
  async update(filePath: string): Promise<Problem | undefined> {
    if (!this.contains(filePath)) return undefined;
    const result = await readArticle(path.resolve(filePath), this.options);
    if ('problem' in result) {
      if (this.byPath.delete(path.resolve(filePath))) this.emit();
      return result.problem;
    }
    this.byPath.set(result.article.path, result.article);
    this.emit();
    return undefined;
  }

  remove(filePath: string): void {
    const resolved = path.resolve(filePath);
    let removed = this.byPath.delete(resolved);
    // A deleted folder arrives as one event for the folder.
    for (const key of [...this.byPath.keys()]) {
      if (key.startsWith(resolved + path.sep)) removed = this.byPath.delete(key) || removed;
    }
    if (removed) this.emit();
  }

  articles(): Article[] {
    return [...this.byPath.values()];
  }

  get(filePath: string): Article | undefined {
    return this.byPath.get(path.resolve(filePath));
  }

  private emit(): void {
    for (const listener of this.listeners) listener();
  }
}
