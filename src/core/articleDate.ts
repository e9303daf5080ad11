/**
 * The shapes an article date takes, and how they sort, filter and read:
 * - `2016-06-04`: the publication day;
 * - `--06-04`: a day whose year the capture does not give (never completed with a guess);
 * - a period, `2004`, `2004-06` or `2004..2005`: the user's default range for files that give no
 *   date (`.corpus-lens/sources.json`).
 */
import type { ArticleDate } from './types';

export interface DateRange {
  /** YYYY, YYYY-MM or YYYY-MM-DD; the range includes both ends, whole. */
  from: string;
  to: string;
}

/** What an article without a date shows, everywhere. */
export const UNDATED_LABEL = 'Undated';

const DATE_PART = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;
const FULL_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isPartialDate(date: ArticleDate): boolean {
  return date.startsWith('--');
}

export function isPeriod(date: ArticleDate): boolean {
  return !isPartialDate(date) && !FULL_DATE.test(date);
}

/** "2004..2005" → { from: 2004, to: 2005 }; a full date or a single period is its own range. */
export function rangeOf(date: ArticleDate): DateRange | undefined {
  if (isPartialDate(date)) return undefined;
  const [from, to = from] = date.split('..');
  return { from, to };
}

/** The first day a prefix covers: 2004 → 2004-01-01, 2004-06 → 2004-06-01. */
function firstDay(prefix: string): string {
  return prefix.length === 4 ? `${prefix}-01-01` : prefix.length === 7 ? `${prefix}-01` : prefix;
}

/** The last day a prefix covers (31 is enough for comparing): 2004 → 2004-12-31, 2004-06 → 2004-06-31. */
function lastDay(prefix: string): string {
  return prefix.length === 4 ? `${prefix}-12-31` : prefix.length === 7 ? `${prefix}-31` : prefix;
}

/** True when the article's date (a day or a period) falls in or overlaps the range; partial and missing dates never do. */
export function dateInRange(date: ArticleDate | null, range: DateRange): boolean {
  const own = daySpan(date);
  if (!own) return false;
  const wanted = rangeDaySpan(range);
  return own.first <= wanted.last && own.last >= wanted.first;
}

/** The first and last day a range covers, as comparable strings (a database filters dates with them). */
export function rangeDaySpan(range: DateRange): { first: string; last: string } {
  return { first: firstDay(range.from), last: lastDay(range.to) };
}

/** The days an article date covers; none for a partial or missing date (they match no date filter). */
export function daySpan(date: ArticleDate | null): { first: string; last: string } | undefined {
  const own = date === null ? undefined : rangeOf(date);
  return own && rangeDaySpan(own);
}

/** Year facet: the year of a day, "2004–2005" for a period spanning years. */
export function yearLabel(date: ArticleDate | null): string {
  const own = date === null ? undefined : rangeOf(date);
  if (!own) return UNDATED_LABEL;
  const [from, to] = [own.from.slice(0, 4), own.to.slice(0, 4)];
  return from === to ? from : `${from}–${to}`;
}

/** "2004", "2004-06" or "2004-01..2005-08": checked like the query language's date: filter. */
export function parseDateRange(value: string): DateRange | string {
  const parts = value.split('..');
  if (parts.length > 2 || parts.some((p) => p === '')) return `Bad date range "${value}": use 2016, 2016-06 or 2016-01..2016-08`;
  for (const part of parts) {
    const problem = datePartProblem(part);
    if (problem) return problem;
  }
  const [from, to = from] = parts;
  if (to < from.slice(0, to.length)) return `Bad date range "${value}": the end comes before the start`;
  return { from, to };
}

function datePartProblem(text: string): string | undefined {
  const match = DATE_PART.exec(text);
  if (!match) return `Bad date "${text}": use YYYY, YYYY-MM or YYYY-MM-DD`;
  const month = match[2] ? Number(match[2]) : 1;
  const day = match[3] ? Number(match[3]) : 1;
  if (month < 1 || month > 12 || day < 1 || day > 31) return `Bad date "${text}": no such month or day`;
  return undefined;
}

/** A range as an article date: one value when both ends are the same. */
export function periodDate(range: DateRange): ArticleDate {
  return range.from === range.to ? range.from : `${range.from}..${range.to}`;
}
