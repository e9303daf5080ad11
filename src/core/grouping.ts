/** Grouping articles for the tree and the CLI: source → date → article, date → source → article, or story → article. */
import { isPartialDate, isPeriod, UNDATED_LABEL } from './articleDate';

export { UNDATED_LABEL };
import type { ArticleSummary, ArticleDate } from './types';

export const UNKNOWN_SOURCE_LABEL = 'Unknown source';

export type GroupingMode = 'source' | 'date' | 'story';

export const NOT_IN_A_STORY_LABEL = 'Not in a story';

export interface Group {
  /** The source name or date this group stands for; null for "Unknown source" / "Undated". */
  key: string | null;
  label: string;
  kind: 'source' | 'date' | 'story';
  count: number;
  children: Group[];
  articles: ArticleSummary[];
}

export function sourceLabel(source: string | null): string {
  return source ?? UNKNOWN_SOURCE_LABEL;
}

export function dateLabel(date: ArticleDate | null): string {
  if (date === null) return UNDATED_LABEL;
  if (isPartialDate(date)) return `${date.slice(2)} (year unknown)`;
  return isPeriod(date) ? date.replace('..', '–') : date;
}

/** Days newest first, then periods (latest end first), then partial dates (newest month-day first), then undated. */
export function compareDatesNewestFirst(a: ArticleDate | null, b: ArticleDate | null): number {
  const rank = (d: ArticleDate | null): number => (d === null ? 3 : isPartialDate(d) ? 2 : isPeriod(d) ? 1 : 0);
  if (rank(a) !== rank(b)) return rank(a) - rank(b);
  if (a === null || b === null) return 0;
  const [endA, endB] = [a, b].map((d) => d.split('..').at(-1) ?? d);
  return endB.localeCompare(endA) || b.localeCompare(a);
}

/** Sources alphabetically, case-insensitively, with the unknown source last. */
export function compareSources(a: string | null, b: string | null): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  return a.localeCompare(b, undefined, { sensitivity: 'base' });
}

export function compareArticles(a: ArticleSummary, b: ArticleSummary): number {
  return a.title.localeCompare(b.title) || a.path.localeCompare(b.path);
}

function groupBy<K>(articles: ArticleSummary[], key: (a: ArticleSummary) => K): Map<K, ArticleSummary[]> {
  const map = new Map<K, ArticleSummary[]>();
  for (const article of articles) {
    const k = key(article);
    const list = map.get(k);
    if (list) list.push(article);
    else map.set(k, [article]);
  }
  return map;
}

function sourceGroups(articles: ArticleSummary[], inner?: (articles: ArticleSummary[]) => Group[]): Group[] {
  return [...groupBy(articles, (a) => a.source)]
    .sort(([a], [b]) => compareSources(a, b))
    .map(([key, list]) => makeGroup('source', key, sourceLabel(key), list, inner));
}

function dateGroups(articles: ArticleSummary[], inner?: (articles: ArticleSummary[]) => Group[]): Group[] {
  return [...groupBy(articles, (a) => a.date)]
    .sort(([a], [b]) => compareDatesNewestFirst(a, b))
    .map(([key, list]) => makeGroup('date', key, dateLabel(key), list, inner));
}

function makeGroup(kind: Group['kind'], key: string | null, label: string, list: ArticleSummary[], inner?: (a: ArticleSummary[]) => Group[]): Group {
  const children = inner ? inner(list) : [];
  return { kind, key, label, count: list.length, children, articles: inner ? [] : [...list].sort(compareArticles) };
}

/** A story as grouping needs it: its id, title and articles' paths (newest first). */
export interface StoryGroupInput {
  id: string;
  title: string;
  articles: Pick<ArticleSummary, 'path'>[];
}

export function groupArticles(articles: ArticleSummary[], mode: GroupingMode, stories: readonly StoryGroupInput[] = []): Group[] {
  if (mode === 'story') return storyGroups(articles, stories);
  return mode === 'source' ? sourceGroups(articles, (list) => dateGroups(list)) : dateGroups(articles, (list) => sourceGroups(list));
}

/** Each story (most articles first) with its articles newest first, then the articles in none, by title. */
function storyGroups(articles: ArticleSummary[], stories: readonly StoryGroupInput[]): Group[] {
  const byPath = new Map(articles.map((a) => [a.path, a]));
  const placed = new Set<string>();
  const groups: Group[] = [];
  for (const story of stories) {
    const list = story.articles.flatMap((a) => byPath.get(a.path) ?? []);
    if (list.length < 2) continue;
    list.forEach((a) => placed.add(a.path));
    groups.push({ kind: 'story', key: story.id, label: story.title, count: list.length, children: [], articles: list });
  }
  const alone = articles.filter((a) => !placed.has(a.path)).sort(compareArticles);
  if (alone.length) groups.push({ kind: 'story', key: null, label: NOT_IN_A_STORY_LABEL, count: alone.length, children: [], articles: alone });
  return groups;
}
