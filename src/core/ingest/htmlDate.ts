/**
 * The publication date of a web page, from where pages state it, strongest first: metadata (meta
 * tags, JSON-LD `datePublished`, `itemprop`), a `<time datetime>`, the page's own URL
 * (`/2016/06/04/`), then the text of its date and byline elements, read in the page's language
 * ("11.05.2012" is the 11th of May on a German page; "19. Juli 2014" is German). Modified and
 * updated dates, comments and sidebars are never read: a wrong date is worse than none.
 */
import * as chrono from 'chrono-node';
import type { ArticleDate } from '../types';
import { formatDate, normaliseDateValue, parserFor } from './date';
import { jsonLdMatch, metaContent, pageUrls, type PageDocument, type PageElement } from './htmlMeta';

const PUBLISHED_META = [
  'article:published_time',
  'og:article:published_time',
  'datePublished',
  'date',
  'pubdate',
  'publishdate',
  'DC.date.issued',
  'dcterms.created',
  'sailthru.date',
  'parsely-pub-date',
];
const DATE_ELEMENT = /date|time|publish|byline|posted|(entry|post|article)-?meta|dateline/i;
const NOT_PUBLICATION = /updat|modif|edited|comment|sidebar|widget|related|footer|copyright|event|calendar/i;
const MAX_DATE_TEXT = 100;
const MIN_YEAR = 1995;

/** A full date (day, month and year all written) in a short text, in the page's language. */
function fullDateIn(text: string, parser: chrono.Chrono): ArticleDate | null {
  const dotted = /\b\d{1,2}\.\s?\d{1,2}\.\s?\d{4}\b/.test(text);
  for (const candidate of [parser, ...(dotted ? [chrono.en.GB] : [])]) {
    for (const result of candidate.parse(text, new Date(Date.UTC(2000, 0, 1)))) {
      const start = result.start;
      if (!start.isCertain('day') || !start.isCertain('month') || !start.isCertain('year')) continue;
      const year = start.get('year') ?? 0;
      if (year < MIN_YEAR || year > new Date().getUTCFullYear() + 1) continue;
      return formatDate(year, start.get('month') ?? 1, start.get('day') ?? 1);
    }
  }
  return null;
}

/**
 * Where a page's language is spoken in one time zone (or several with the same clock): a time stamped
 * in UTC is then read on the publisher's own calendar ("2021-11-04T23:00Z" on a German page is the
 * 5th of November there). Languages spoken across many zones (en, es, pt, ru) are left as stamped.
 */
const LANGUAGE_TIME_ZONES: Record<string, string> = {
  de: 'Europe/Berlin',
  fr: 'Europe/Paris',
  it: 'Europe/Rome',
  nl: 'Europe/Amsterdam',
  pl: 'Europe/Warsaw',
  cs: 'Europe/Prague',
  da: 'Europe/Copenhagen',
  sv: 'Europe/Stockholm',
  nb: 'Europe/Oslo',
  no: 'Europe/Oslo',
  fi: 'Europe/Helsinki',
  hu: 'Europe/Budapest',
  el: 'Europe/Athens',
  ja: 'Asia/Tokyo',
  ko: 'Asia/Seoul',
};

/** A UTC time stamp ("…T23:00:00Z", "…T23:00+00:00") on the calendar of the page's language, if it has one zone. */
function localDateOfUtcStamp(value: string, lang: string): ArticleDate | null {
  const zone = LANGUAGE_TIME_ZONES[lang.toLowerCase().split('-')[0]];
  if (!zone || !/^\s*\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]00:?00)\s*$/i.test(value)) return null;
  const instant = new Date(value.trim().replace(' ', 'T'));
  if (Number.isNaN(instant.getTime())) return null;
  return new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}

/** A date written in metadata: ISO as it is ("2016-06-04T…", a UTC stamp on the page's calendar), anything else read in the page's language. */
function statedValue(value: string, parser: chrono.Chrono, lang: string): ArticleDate | null {
  if (/^\s*\d{4}-\d{2}-\d{2}/.test(value)) return localDateOfUtcStamp(value, lang) ?? normaliseDateValue(value);
  return fullDateIn(value.slice(0, MAX_DATE_TEXT), parser);
}

function urlDate(document: PageDocument): ArticleDate | null {
  for (const url of pageUrls(document)) {
    const found = /\/((?:19|20)\d\d)[/-](\d{1,2})[/-](\d{1,2})(?:[/-]|$)/.exec(url);
    if (found) return formatDate(Number(found[1]), Number(found[2]), Number(found[3]));
  }
  return null;
}

/**
 * Class and id words that describe a page's layout or an article's topics, not what an element is:
 * "no-sidebars", "layoutTwoColumnsRightSidebar", "category-event", "tag-calendar", "has-sidebar".
 */
const LAYOUT_OR_TOPIC = /^(no-|has-|layout|category-|tag-|cat-)/i;

/** True when the element or one of its ancestors (below <body>) is a comment, a sidebar, an update stamp…: no publication date there. */
function outOfBounds(element: PageElement | null): boolean {
  for (let at = element; at && at.tagName !== 'BODY' && at.tagName !== 'HTML'; at = at.parentElement) {
    const words = `${at.getAttribute('class') ?? ''} ${at.getAttribute('id') ?? ''}`.split(/\s+/).filter((w) => w && !LAYOUT_OR_TOPIC.test(w));
    if (words.some((w) => NOT_PUBLICATION.test(w))) return true;
    // Sidebars and comments stand beside the article or inside it: what wraps the article is layout.
    if (at.tagName === 'ARTICLE' || at.tagName === 'MAIN') return false;
  }
  return false;
}

/** A calendar or clock icon ("fa fa-calendar", "glyphicon-time"): the text beside it is a date. */
const DATE_ICON = /(^|\s)(fa|glyphicon|icon|bi|dashicons)-(calendar|clock|time|date)/i;
/** Words that introduce a publication date in a short line: "veröffentlicht 28.01.2022", "Pressemitteilung vom 20.01.2022". */
const PUBLISHED_LABEL =
  /^(veröffentlicht|erschienen|publiziert|pressemitteilung vom|pressemeldung vom|fachmeldung vom|meldung vom|published|posted|publié|pubblicato|publicado|gepubliceerd|(datum|date|erscheinungsdatum|veröffentlichungsdatum|publication date|fecha|data)\s*:)/i;
/** A line that says when this article was published: "Der Artikel „…“ wurde am 05.11.2021 … veröffentlicht", "This post was published on …". */
const ARTICLE_PUBLISHED = /\b(artikel|beitrag|article|post)\b.{0,240}\b(veröffentlicht|published)\b/i;

function dateElementText(document: PageDocument, parser: chrono.Chrono): ArticleDate | null {
  for (const element of document.querySelectorAll('[class], [id], time')) {
    const label = `${element.getAttribute('class') ?? ''} ${element.getAttribute('id') ?? ''} ${element.tagName === 'TIME' ? 'time' : ''}`;
    const icon = DATE_ICON.test(label) ? element.parentElement : null;
    const dated = icon ?? (DATE_ELEMENT.test(label) ? element : null);
    if (!dated || outOfBounds(icon ? dated : element)) continue;
    const date = shortDateText(dated, parser);
    if (date) return date;
  }
  for (const element of document.querySelectorAll('p, span, div, li, small, strong')) {
    const text = (element.textContent ?? '').replace(/\s+/g, ' ').trim();
    const says = (text.length <= 60 && PUBLISHED_LABEL.test(text)) || (text.length <= 300 && ARTICLE_PUBLISHED.test(text));
    if (!says || outOfBounds(element)) continue;
    const date = fullDateIn(text, parser);
    if (date) return date;
  }
  return null;
}

function shortDateText(element: PageElement, parser: chrono.Chrono): ArticleDate | null {
  const text = (element.textContent ?? '').replace(/\s+/g, ' ').trim();
  return text.length === 0 || text.length > MAX_DATE_TEXT ? null : fullDateIn(text, parser);
}

export function pageDate(document: PageDocument): ArticleDate | null {
  const lang = document.documentElement?.getAttribute('lang') ?? '';
  const parser = parserFor(lang);
  const itemprop = document.querySelector('[itemprop="datePublished"]');
  const stated = [
    metaContent(document, PUBLISHED_META),
    jsonLdMatch(document, /"datePublished"\s*:\s*"([^"]{6,40})"/),
    itemprop?.getAttribute('content') ?? itemprop?.getAttribute('datetime') ?? itemprop?.getAttribute('title') ?? undefined,
    outOfBounds(document.querySelector('time[datetime]')) ? undefined : (document.querySelector('time[datetime]')?.getAttribute('datetime') ?? undefined),
  ];
  for (const value of stated) {
    const date = value ? statedValue(value, parser, lang) : null;
    if (date) return date;
  }
  return (
    urlDate(document) ??
    (itemprop ? fullDateIn(itemprop.textContent ?? '', parser) : null) ??
    titleDate(document, parser) ??
    dateElementText(document, parser) ??
    dateUnderHeadline(document, parser)
  );
}

/** A part of the page's title that is only a date: "23.01.2022 - Headline", "Headline | DW | 23.05.2011". */
function titleDate(document: PageDocument, parser: chrono.Chrono): ArticleDate | null {
  const titles = [document.querySelector('meta[property="og:title"]')?.getAttribute('content'), document.querySelector('title')?.textContent];
  for (const title of titles) {
    for (const part of (title ?? '').split(/\s+(?:[|–—»·•]|-{1,2})\s+/)) {
      if (BARE_DATE.test(part.trim())) return fullDateIn(part, parser);
    }
  }
  return null;
}

/** A short text that is only a date, with a time or a word before it at most: "01.02.2022", "am 25.01.2022", "01.11.2023 11:35". */
const BARE_DATE = /^(\p{L}{1,4}\s+)?\d{1,2}\.\s?\d{1,2}\.\s?\d{4}(,?\s+\d{1,2}:\d{2}(\s*Uhr)?)?$/u;
/** A paragraph this long is the story's: a publication line stands before it. */
const STORY_PARAGRAPH = 60;
/** How many elements after the headline a bare date may stand (a publication line sits right under it). */
const UNDER_HEADLINE = 25;

/** The first element right after the page's <h1> whose whole text is a date. */
function dateUnderHeadline(document: PageDocument, parser: chrono.Chrono): ArticleDate | null {
  const all = [...document.querySelectorAll('body *')];
  const headline = all.findIndex((element) => element.tagName === 'H1');
  if (headline < 0) return null;
  for (const element of all.slice(headline + 1, headline + 1 + UNDER_HEADLINE)) {
    const text = (element.textContent ?? '').replace(/\s+/g, ' ').trim();
    // The story has begun: dates from here on are the story's or the page's lists.
    if (element.tagName === 'P' && text.length > STORY_PARAGRAPH) return null;
    if (BARE_DATE.test(text) && !outOfBounds(element)) return fullDateIn(text, parser);
  }
  return null;
}
