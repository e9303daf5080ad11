/**
 * The corpus's stories, as the tree, tooltips, Compare Coverage and the CLI see them: each with a
 * title and its articles (newest first), computed from the features the entity build keeps per
 * article and cached until the entities change.
 */
import { newestFirst } from '../entities/entityCard';
import type { EntityIndex } from '../entities/entityIndex';
import type { ArticleSummary } from '../types';
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
    const inputs: StoryInput[] = [];
    for (const [path, article] of summaries) {
      const features = index.storyOf(path);
      if (features) inputs.push({ path, date: article.date, features });
    }
    return clusterStories(inputs)
      .map((story) => {
        const members = story.paths.flatMap((p) => summaries.get(p) ?? []).sort(newestFirst);
        return { id: story.id, title: members[0]?.title ?? '', articles: members };
      })
      .sort((a, b) => b.articles.length - a.articles.length || a.title.localeCompare(b.title));
  });
}

/** The story an article is in, if any (by path). */
export function storyOf(index: EntityIndex, articles: () => ArticleSummary[], path: string): StoryInfo | undefined {
  const byPath = index.cached('stories-by-path', () => new Map(corpusStories(index, articles).flatMap((s) => s.articles.map((a) => [a.path, s] as const))));
  return byPath.get(path);
}
