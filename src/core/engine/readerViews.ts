/**
 * The engine's answers about stories, quotes, timelines, notes and watchlists: what a reader asks
 * once the articles and their names are known. Kept apart from the façade (engine.ts), which hands
 * each question here; nothing here changes the corpus.
 */
import * as path from 'node:path';
import type { ArticleSources, EntityCard } from '../entities/entityCard';
import type { EntityIndex } from '../entities/entityIndex';
import { quotesOf, type QuoteInfo } from '../quotes/quoteQueries';
import { corpusStories, storyOf, type StoryInfo } from '../stories/corpusStories';
import { compareCoverage, type Coverage } from '../stories/coverage';
import { timelineOf, type Timeline, type TimelineStep } from '../timeline/timeline';
import type { Article, ArticleSummary } from '../types';
import type { WatchEntry, WatchResult } from '../watch/watchlist';

/** A name in a line of a note: where, and the entity it stands for. */
export interface NoteName {
  start: number;
  end: number;
  id: string;
  name: string;
}

/** What the views read from the engine (the summaries and texts also where quotes are read from). */
export interface CorpusAccess extends ArticleSources {
  readonly index: EntityIndex;
  /** Whether the names (and so stories, quotes, entities) are built. */
  built(): boolean;
  articles(): ArticleSummary[];
  article(path: string): Article | undefined;
  /** Every article a query matches, or why it cannot be answered. */
  searchPaths(query: string): Promise<{ paths: string[] } | { error: string }>;
}

/** How many quotes a hover card shows under "Said". */
const SAID_ON_CARD = 3;

export class ReaderViews {
  constructor(private readonly corpus: CorpusAccess) {}

  private get index(): EntityIndex {
    return this.corpus.index;
  }

  /** A card's articles with the other outlets of their story, and the entity's latest quotes. */
  withStoriesAndQuotes(card: EntityCard): EntityCard {
    const articles = card.articles.map((article) => ({ ...article, sameStory: this.otherOutlets(article.path) }));
    const said = quotesOf(this.index, this.corpus, card.entity.id, { direct: SAID_ON_CARD }).map(({ text, path, title, source, date, line }) => ({
      text,
      path,
      title,
      source,
      date,
      line,
    }));
    return { ...card, articles, said };
  }

  /** How many other outlets report an article's story (other articles, when their sources are unknown). */
  private otherOutlets(filePath: string): number {
    const story = this.storyOf(filePath);
    if (!story) return 0;
    const own = story.articles.find((a) => a.path === path.resolve(filePath))?.source ?? null;
    const sources = new Set(story.articles.flatMap((a) => (a.source && a.source !== own ? [a.source] : [])));
    return sources.size || story.articles.length - 1;
  }

  /** Clusters the corpus's stories now (they are kept until the entities change). */
  clusterStories(): void {
    if (this.corpus.built()) storyOf(this.index, () => this.corpus.articles(), '');
  }

  stories(): StoryInfo[] {
    return this.corpus.built() ? corpusStories(this.index, () => this.corpus.articles()) : [];
  }

  storyOf(filePath: string): StoryInfo | undefined {
    return this.corpus.built() ? storyOf(this.index, () => this.corpus.articles(), path.resolve(filePath)) : undefined;
  }

  compareCoverage(filePath: string, limit: number): Coverage | undefined {
    const resolved = path.resolve(filePath);
    const story = this.storyOf(resolved);
    if (!story) return undefined;
    const chosen = [resolved, ...story.articles.map((a) => a.path).filter((p) => p !== resolved)].slice(0, limit);
    return compareCoverage(
      story.title,
      chosen.flatMap((p) => this.corpus.article(p) ?? []),
      this.index,
    );
  }

  timeline(name: string | null, by: TimelineStep): Timeline | undefined {
    if (name === null) return timelineOf(this.corpus.articles(), by);
    const entity = this.index.get(name) ?? this.index.find(name);
    if (!entity) return undefined;
    const mentions = new Map<string, number>();
    for (const m of this.index.mentions(entity.id)) mentions.set(m.path, (mentions.get(m.path) ?? 0) + 1);
    const articles = [...mentions.keys()].flatMap((p) => this.corpus.summary(p) ?? []);
    return timelineOf(articles, by, entity.name, mentions);
  }

  namesInLines(lines: string[]): NoteName[][] {
    return this.corpus.built() ? lines.map((line) => this.index.namesIn(line)) : lines.map(() => []);
  }

  watch(entries: WatchEntry[]): Promise<WatchResult[]> {
    return Promise.all(
      entries.map(async (entry): Promise<WatchResult> => {
        if (entry.kind === 'query') {
          const found = await this.corpus.searchPaths(entry.text);
          return 'paths' in found ? { entry, paths: found.paths } : { entry, paths: [], error: found.error };
        }
        const entity = this.corpus.built() ? this.index.find(entry.text) : undefined;
        if (!entity)
          return { entry, paths: [], error: this.corpus.built() ? `no person or organization called "${entry.text}"` : 'names are still being found' };
        return { entry, paths: [...new Set(this.index.mentions(entity.id).map((m) => m.path))] };
      }),
    );
  }

  quotes(name: string): QuoteInfo[] {
    const entity = this.index.get(name) ?? this.index.find(name);
    return entity ? quotesOf(this.index, this.corpus, entity.id) : [];
  }
}
