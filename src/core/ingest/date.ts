/**
 * The article's date, found with chrono-node and normalised to `YYYY-MM-DD`, or `--MM-DD`
 * when the text gives a day and month but no year (never guessed into a full date).
 */
import * as chrono from 'chrono-node';
import type { ArticleDate } from '../types';

/** Lines at the top of a capture where the publication date usually stands. */
const HEADER_LINES = 12;
const MIN_YEAR = 1900;
const MAX_YEAR = 2100;
/** Relative expressions ("3 days ago", "yesterday") depend on when the page was captured. */
const RELATIVE = /\b(ago|yesterday|today|tomorrow|tonight|last|next|this|now)\b/i;
const HAS_MONTH_OR_NUMERIC_DATE = /\d{4}-\d{2}-\d{2}|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}|\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\b/i;
/**
 * chrono's parser for a page's language (`<html lang>`); numeric dates are day-first outside the
 * United States ("11.05.2012" is the 11th of May on a German page). No language: chrono's default.
 */
export function parserFor(lang: string): chrono.Chrono {
  const code = lang.toLowerCase();
  const base = code.split('-')[0];
  if (Object.hasOwn(LOCALE_PARSERS, base)) return LOCALE_PARSERS[base];
  return base === 'en' && code !== 'en-us' && code !== 'en' ? chrono.en.GB : chrono.casual;
}

/** chrono's parsers by language code, made once (parserFor runs for every file). */
const LOCALE_PARSERS: Record<string, chrono.Chrono> = {
  de: chrono.de.casual,
  fr: chrono.fr.casual,
  es: chrono.es.casual,
  pt: chrono.pt.casual,
  nl: chrono.nl.casual,
  it: chrono.it.casual,
  ja: chrono.ja.casual,
  zh: chrono.zh.casual,
  ru: chrono.ru.casual,
  uk: chrono.uk.casual,
  sv: chrono.sv.casual,
  fi: chrono.fi.casual,
};

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
export function findDates(text: string, parser: chrono.Chrono = chrono.casual): FoundDate[] {
  const found: FoundDate[] = [];
  let offset = 0;
  // chrono is the slow part of parsing: only lines that could hold a date go through it.
  for (const line of text.split('\n')) {
    if (HAS_MONTH_OR_NUMERIC_DATE.test(line)) found.push(...datesInLine(line, offset, parser));
    offset += line.length + 1;
  }
  return found;
}

interface FoundDate {
  date: ArticleDate;
  full: boolean;
  /** Offset in the text where the date expression starts (approximate after ungluing), and its length. */
  index: number;
  length: number;
}

function datesInLine(line: string, offset: number, parser: chrono.Chrono): FoundDate[] {
  const found: FoundDate[] = [];
  for (const result of parser.parse(unglue(line), REFERENCE)) {
    const start = result.start;
    if (!start.isCertain('month') || !start.isCertain('day')) continue;
    if (RELATIVE.test(result.text) || !HAS_MONTH_OR_NUMERIC_DATE.test(result.text)) continue;
    const month = start.get('month');
    const day = start.get('day');
    if (month === null || day === null) continue;
    const yearCertain = start.isCertain('year');
    const year = yearCertain ? start.get('year') : null;
    if (year !== null && (year < MIN_YEAR || year > MAX_YEAR)) continue;
    found.push({ date: formatDate(year, month, day), full: year !== null, index: offset + result.index, length: result.text.length });
  }
  return found;
}

const DATE_WORDS =
  /(GMT|UTC|[AP]M|updated|published|posted|[A-Z][a-z]+day|Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun|Jan\w*|Feb\w*|Mar\w*|Apr\w*|May|Jun\w*|Jul\w*|Aug\w*|Sep\w*|Oct\w*|Nov\w*|Dec\w*)/gi;
/** "Published:", "Last updated", "Posted on", "Date:" before a date. */
const DATE_LABEL = /^\s*(?:last\s+)?(?:published|updated|posted|modified|date|dated)\b(?:\s+on)?\s*:?\s*$/i;
/** Before a dateline's date: nothing, or a city ("MOSCOW,", "Washington DC,"). */
const DATELINE_LEAD = /^\s*(?:[A-Z][\p{L}.'’-]*(?:\s+[A-Z][\p{L}.'’-]*){0,2},?\s*)?$/u;
/** After a dateline's date: an optional wire tag in brackets, then a dash or a colon. */
const DATELINE_TAIL = /^\s*(?:\([^)]{1,30}\)\s*)?(?:[–—]|-\s|:)/;

/** A timestamp line ("10:47 GMT01 August 2021", "Updated 4 March 2016"): a date and little else. */
export function isDateLine(line: string): boolean {
  if (findDates(line).length === 0) return false;
  return !/[A-Za-z]{3,}/.test(line.replace(DATE_WORDS, ''));
}

/** The date a line states as the article's own: a timestamp line, a labelled date, or a dateline. */
function ownDate(line: string, parser: chrono.Chrono): FoundDate | undefined {
  const found = findDates(line, parser);
  if (found.length === 0) return undefined;
  if (isDateLine(line)) return found[0];
  const first = found[0];
  const lead = line.slice(0, first.index);
  const tail = line.slice(first.index + first.length);
  if (DATE_LABEL.test(lead) || (DATELINE_LEAD.test(lead) && DATELINE_TAIL.test(tail))) return first;
  return undefined;
}

/**
 * The publication date, from the header lines only: a capture's timestamp line, a labelled date
 * ("Published: …") or a dateline ("June 4, 2016 (EIRNS)—", "MOSCOW, June 4 (Reuters) -"); a full
 * date wins over a partial one. A date the story mentions is an event, not the publication date:
 * without one of these, the article is undated.
 */
export function extractDate(lines: string[], lang = ''): ArticleDate | null {
  const parser = parserFor(lang);
  const own = lines.slice(0, HEADER_LINES).flatMap((line) => ownDate(line, parser) ?? []);
  return (own.find((d) => d.full) ?? own[0])?.date ?? null;
}

/** A date value from metadata (front matter, meta tags): a Date, or a string in any shape. */
export function normaliseDateValue(value: unknown): ArticleDate | null {
  if (value instanceof Date && !Number.isNaN(value.getTime())) {
    return formatDate(value.getUTCFullYear(), value.getUTCMonth() + 1, value.getUTCDate());
  }
  if (typeof value !== 'string' || value.trim() === '') return null;
  // A date is short: a huge value (hostile front matter) is not read past its start.
  if (value.length > 200) return normaliseDateValue(value.slice(0, 200));
  const partial = /^--(\d{2})-(\d{2})$/.exec(value.trim());
  if (partial) return value.trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})/.exec(value.trim());
  if (iso) return `${iso[1]}-${iso[2]}-${iso[3]}`;
  return findDates(value)[0]?.date ?? null;
}
