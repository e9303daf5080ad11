/**
 * Timelines: how many articles per month (or year), stacked by source, for the whole corpus or
 * for the articles mentioning one entity (with its mentions). Dates without a year and periods
 * (`2004..2005`) are counted apart, never spread into a guessed month; undated articles too.
 */
import { isPartialDate, isPeriod } from '../articleDate';
import type { ArticleSummary } from '../types';

export type TimelineStep = 'month' | 'year';

export interface TimelineBucket {
  /** `2016-06` by month, `2016` by year. */
  period: string;
  articles: number;
  mentions: number;
  /** Articles per source in this period (null: unknown source). */
  bySource: Record<string, number>;
}

export interface Timeline {
  /** The entity's name; null for the whole corpus. */
  name: string | null;
  by: TimelineStep;
  /** Every period from the first to the last, empty ones included, oldest first. */
  buckets: TimelineBucket[];
  /** Articles dated without a year (`--06-04`). */
  partial: number;
  /** Articles dated only by a period longer than a day's month (`2004..2005`). */
  periods: number;
  undated: number;
}

export const UNKNOWN_SOURCE_KEY = '(unknown source)';

/** `mentions`: per article path, how many times the entity is mentioned there (entity timelines). */
export function timelineOf(
  articles: readonly ArticleSummary[],
  by: TimelineStep,
  name: string | null = null,
  mentions?: ReadonlyMap<string, number>,
): Timeline {
  const counts = new Map<string, TimelineBucket>();
  let partial = 0;
  let periods = 0;
  let undated = 0;
  for (const article of articles) {
    const date = article.date;
    if (date === null) undated++;
    else if (isPartialDate(date)) partial++;
    else if (isPeriod(date) && periodOf(date, by) === undefined) periods++;
    else {
      const period = periodOf(date, by) as string;
      const bucket = counts.get(period) ?? { period, articles: 0, mentions: 0, bySource: {} };
      bucket.articles++;
      bucket.mentions += mentions?.get(article.path) ?? 0;
      const source = article.source ?? UNKNOWN_SOURCE_KEY;
      bucket.bySource[source] = (bucket.bySource[source] ?? 0) + 1;
      counts.set(period, bucket);
    }
  }
  return { name, by, buckets: withEmptyPeriods([...counts.values()], by), partial, periods, undated };
}

/** The month or year of a full date, or of a period that lies within one. */
function periodOf(date: string, by: TimelineStep): string | undefined {
  const length = by === 'month' ? 7 : 4;
  const [start, end = start] = date.split('..');
  const a = start.slice(0, length);
  const b = end.slice(0, length);
  return a === b && a.length === length ? a : undefined;
}

function withEmptyPeriods(buckets: TimelineBucket[], by: TimelineStep): TimelineBucket[] {
  if (buckets.length === 0) return [];
  const sorted = buckets.sort((a, b) => a.period.localeCompare(b.period));
  const byPeriod = new Map(sorted.map((b) => [b.period, b]));
  const all: TimelineBucket[] = [];
  for (let period = sorted[0].period; period <= sorted[sorted.length - 1].period; period = next(period, by)) {
    all.push(byPeriod.get(period) ?? { period, articles: 0, mentions: 0, bySource: {} });
  }
  return all;
}

function next(period: string, by: TimelineStep): string {
  if (by === 'year') return String(Number(period) + 1).padStart(4, '0');
  const [year, month] = period.split('-').map(Number);
  return month === 12 ? `${String(year + 1).padStart(4, '0')}-01` : `${String(year).padStart(4, '0')}-${String(month + 1).padStart(2, '0')}`;
}
