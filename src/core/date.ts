/**
 * The article's date, found with chrono-node and normalised to `YYYY-MM-DD`, or `--MM-DD`
 * when the text gives a day and month but no year (never guessed into a full date).
 */
import * as chrono from 'chrono-node';
import type { ArticleDate } from './types';

/** Lines at the top of a capture where the publication date usually stands. */
const HEADER_LINES = 12;
const MIN_YEAR = 1900;
const MAX_YEAR = 2100;
/** Relative expressions ("3 days ago", "yesterday") depend on when the page was captured. */
const RELATIVE = /\b(ago|yesterday|today|tomorrow|tonight|last|next|this|now)\b/i;
const HAS_MONTH_OR_NUMERIC_DATE = /\d{4}-\d{2}-\d{2}|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}|\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\b/i;
/** Anchor for chrono: fixed, so that parsing never depends on today's date. */
const REFERENCE = new Date(Date.UTC(2000, 0, 1));

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

export function formatDate(year: number | null, month: number, day: number): ArticleDate {
  return year === null ? `--${pad(month)}-${pad(day)}` : `${year}-${pad(month)}-${pad(day)}`;
}

/** Glued captures ("GMT01 August 2021") hide dates from any parser: separate letters from digits. */
function unglue(text: string): string {
  return text.replace(/([A-Za-z]{2,})(\d)/g, '$1 $2');
}

/** Every explicit calendar date in the text, in order, full or partial. */
export function findDates(text: string): FoundDate[] {
  const found: FoundDate[] = [];
  let offset = 0;
  // chrono is the slow part of parsing: only lines that could hold a date go through it.
  for (const line of text.split('\n')) {
    if (HAS_MONTH_OR_NUMERIC_DATE.test(line)) found.push(...datesInLine(line, offset));
    offset += line.length + 1;
  }
  return found;
}

interface FoundDate {
  date: ArticleDate;
  full: boolean;
  /** Offset in the text where the date expression starts (approximate after ungluing). */
  index: number;
}

function datesInLine(line: string, offset: number): FoundDate[] {
  const found: FoundDate[] = [];
  for (const result of chrono.parse(unglue(line), REFERENCE)) {
    const start = result.start;
    if (!start.isCertain('month') || !start.isCertain('day')) continue;
    if (RELATIVE.test(result.text) || !HAS_MONTH_OR_NUMERIC_DATE.test(result.text)) continue;
    const month = start.get('month');
    const day = start.get('day');
    if (month === null || day === null) continue;
    const yearCertain = start.isCertain('year');
    const year = yearCertain ? start.get('year') : null;
    if (year !== null && (year < MIN_YEAR || year > MAX_YEAR)) continue;
    found.push({ date: formatDate(year, month, day), full: year !== null, index: offset + result.index });
  }
  return found;
}

/**
 * The publication date: a full date in the header lines wins; otherwise the first explicit
 * date anywhere (a story's first "November 5" is nearly always its news day).
 */
export function extractDate(lines: string[]): ArticleDate | null {
  const header = lines.slice(0, HEADER_LINES).join('\n');
  const headerFull = findDates(header).find((d) => d.full);
  if (headerFull) return headerFull.date;
  const first = findDates(lines.join('\n'))[0];
  return first ? first.date : null;
}

/** A date value from metadata (front matter, meta tags): a Date, or a string in any shape. */
export function normaliseDateValue(value: unknown): ArticleDate | null {
  if (value instanceof Date && !Number.isNaN(value.getTime())) {
    return formatDate(value.getUTCFullYear(), value.getUTCMonth() + 1, value.getUTCDate());
  }
  if (typeof value !== 'string' || value.trim() === '') return null;
  const partial = /^--(\d{2})-(\d{2})$/.exec(value.trim());
  if (partial) return value.trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})/.exec(value.trim());
  if (iso) return `${iso[1]}-${iso[2]}-${iso[3]}`;
  return findDates(value)[0]?.date ?? null;
}
