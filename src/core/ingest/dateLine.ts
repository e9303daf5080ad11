/**
 * Full dates in the short texts of a web page (bylines, date elements, a line under the headline),
 * read in the page's language, and the test that a text is a date line and nothing more.
 */
import * as chrono from 'chrono-node';
import type { ArticleDate } from '../types';
import { formatDate } from './date';

/** Longer texts are paragraphs, not date elements. */
export const MAX_DATE_TEXT = 100;
const MIN_YEAR = 1995;

/** A full date (day, month and year all written) in a short text, in the page's language. */
export function fullDateIn(text: string, parser: chrono.Chrono): ArticleDate | null {
  return fullDateMatch(text, parser)?.date ?? null;
}

/** An English date, month first ("April 19, 2019"): a theme's English on a page in another language. */
const ENGLISH_MONTH_FIRST = /\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2}(st|nd|rd|th)?, \d{4}\b/i;

/** The first full date in a text and where it is written. */
function fullDateMatch(text: string, parser: chrono.Chrono): { date: ArticleDate; index: number; length: number; range: boolean } | null {
  const dotted = /\b\d{1,2}\.\s?\d{1,2}\.\s?\d{4}\b/.test(text);
  const englishMonth = parser !== chrono.casual && ENGLISH_MONTH_FIRST.test(text);
  for (const candidate of [parser, ...(dotted ? [chrono.en.GB] : []), ...(englishMonth ? [chrono.casual] : [])]) {
    for (const result of candidate.parse(text, new Date(Date.UTC(2000, 0, 1)))) {
      const start = result.start;
      if (!start.isCertain('day') || !start.isCertain('month') || !start.isCertain('year')) continue;
      const year = start.get('year') ?? 0;
      if (year < MIN_YEAR || year > new Date().getUTCFullYear() + 1) continue;
      const date = formatDate(year, start.get('month') ?? 1, start.get('day') ?? 1);
      return { date, index: result.index, length: result.text.length, range: Boolean(result.end) };
    }
  }
  return null;
}

/** Parts of a date line: "24. April 2020 | Pressemitteilungen", "3. August 2015 · Filed under …". */
const LINE_PARTS = /\s*[|·•⋅]\s+/;
/** A dash between a date and a byline: "05.02.2020 - Redaktion: Eberhard Fuhr" (not a range: the other parts hold no year). */
const DASH_PARTS = /\s+[-–—]\s+/;
/** A dateline's place before its date: "Hamburg, 2. November 2021". */
const DATELINE_PLACE = /^\p{Lu}[\p{L}.\- ]{1,24},\s*/u;
/** What may stand before a date in a date line: "am", "vom", "le", "on", "Stand:". */
const LEAD_WORD = /^(\p{L}{1,5}:?\s+)?$/u;
/** What may follow it: a time ("11:35", "11:35 Uhr", "um 11.35 Uhr"), a closing bracket. */
const TRAILING_TIME = /^[,\s]*((um|at|à|a las|alle)\s+)?(\d{1,2}[:.]\d{2}(:\d{2})?)?(\s*(Uhr|h|am|pm|AM|PM))?[\s)]*$/u;
/** Longest part of a date line that is read: a date with a place and a time. */
const MAX_DATE_LINE_PART = 50;

/** The date of a text that is a date line: one of its parts only a date (with a place, a lead word or a time), else null. */
export function dateLineDate(text: string, parser: chrono.Chrono): ArticleDate | null {
  // A full date has its year written out: without one, chrono is not asked (it is the costly part).
  if (text.length > MAX_DATE_TEXT || !/(19|20)\d\d/.test(text)) return null;
  for (const raw of lineParts(text)) {
    const part = raw.trim().replace(DATELINE_PLACE, '');
    if (part.length > MAX_DATE_LINE_PART || !/(19|20)\d\d/.test(part)) continue;
    const found = fullDateMatch(part, parser);
    // "05.02.2020 - 07.02.2020": an event's days, not the page's date.
    if (!found || found.range) continue;
    const before = part.slice(0, found.index);
    const after = part.slice(found.index + found.length);
    if (LEAD_WORD.test(before) && TRAILING_TIME.test(after)) return found.date;
  }
  return null;
}

/** A date line's parts: split at its bars and dots, and at dashes when only one part has a year in it. */
function lineParts(text: string): string[] {
  const parts = text.split(LINE_PARTS);
  return parts.flatMap((part) => {
    const dashed = part.split(DASH_PARTS);
    return dashed.filter((p) => /(19|20)\d\d/.test(p)).length === 1 ? dashed : [part];
  });
}

/** A label before the page's own date ("Publiziert:", "Aktualisiert am", "Veröffentlichung:", "opublikowano:"), not an event's ("Termin: 29.02.2020"). */
const DATE_LABEL =
  /^(publiziert|veröffentlicht|veröffentlichung|aktualisiert|zuletzt aktualisiert|erstellt|stand|datum|published|updated|posted|created|last updated|date|publié|mis à jour|pubblicato|publicado|actualizado|opublikowano|zaktualizowano)( am| vom| on| le)?\s*:?\s+(?=\d)/iu;
const MAX_DATE_PARAGRAPH = 80;

/** The date of a paragraph that only dates the page: a date line, with a label before it at most ("Publiziert: 03.04.2020, 12:35"); else null. */
export function dateParagraphDate(text: string, parser: chrono.Chrono): ArticleDate | null {
  if (text.length > MAX_DATE_PARAGRAPH) return null;
  const line = text.replace(/\.$/, '');
  return dateLineDate(line, parser) ?? dateLineDate(line.replace(DATE_LABEL, ''), parser);
}
