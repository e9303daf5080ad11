/**
 * The corpus's stories, as the tree, tooltips, Compare Coverage and the CLI see them: each with a
 * title and its articles (newest first), computed from the features the entity build keeps per
 * article (or as a database stored them, for the same articles) and cached until the entities change.
 */
import { newestFirst } from '../entities/entityCard';
import type { EntityIndex } from '../entities/entityIndex';
import type { ArticleSummary } from '../types';
import { STORED_STORIES, storedStoriesFor, type StoredStories } from './storedStories';
import { clusterStories, type StoryInput } from './stories';

export interface StoryInfo {
  id: string;
  /** The newest article's title. */
  title: string;
  articles: ArticleSummary[];
}

export function corpusStories(index: EntityIndex, articles: () => ArticleSummary[]): StoryInfo[] {
  return index.cached('stories', () => {
    const summaries = new Map(articles().map((a) => [a.path, a]));
    const stored = index.takeKept<StoredStories>(STORED_STORIES);
    const stories = (stored && storedStoriesFor(stored, [...summaries.values()])) ?? clusterStories(storyInputs(index, summaries));
    return stories
      .map((story) => {
        const members = story.paths.flatMap((p) => summaries.get(p) ?? []).sort(newestFirst);
        return { id: story.id, title: members[0]?.title ?? '', articles: members };
      })
      .sort((a, b) => b.articles.length - a.articles.length || a.title.localeCompare(b.title));
  });
}

function storyInputs(index: EntityIndex, summaries: Map<string, ArticleSummary>): StoryInput[] {
  const inputs: StoryInput[] = [];
  for (const [path, article] of summaries) {
    const features = index.storyOf(path);
    if (features) inputs.push({ path, date: article.date, features });
  }
  return inputs;
}

/** The story an article is in, if any (by path). */
export function storyOf(index: EntityIndex, articles: () => ArticleSummary[], path: string): StoryInfo | undefined {
  const byPath = index.cached('stories-by-path', () => new Map(corpusStories(index, articles).flatMap((s) => s.articles.map((a) => [a.path, s] as const))));
  return byPath.get(path);
}
