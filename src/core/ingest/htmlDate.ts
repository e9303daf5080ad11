/**
 * The publication date of a web page, strongest first: the date line printed right over or under its
 * headline (what a reader takes for the article's date; metadata that disagrees is a UTC stamp a day
 * off or a CMS's own date), then metadata (meta tags, JSON-LD `datePublished`, `itemprop`), a
 * `<time datetime>`, the page's own URL (`/2016/06/04/`, a single post's permalink), then the text of
 * its title, date and byline elements, read in the page's language ("11.05.2012" is the 11th of May
 * on a German page). Comments and sidebars are never read, and a modified or updated date only when
 * the page states no publication date at all: a wrong date is worse than none.
 */
import * as chrono from 'chrono-node';
import type { ArticleDate } from '../types';
import { formatDate, normaliseDateValue, parserFor } from './date';
import { dateLineDate, fullDateIn, MAX_DATE_TEXT } from './dateLine';
import { classAndId, elementsAround, jsonLdMatch, metaContent, pageHost, pageUrls, type PageDocument, type PageElement } from './htmlMeta';
import { localDateOfUtcStamp, publisherZone } from './publisherClock';

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
const DATE_ELEMENT = /date|time|publish|byline|posted|(entry|post|article)[-_]?meta|dateline/i;
const NOT_PUBLICATION = /updat|modif|edited|comment|sidebar|widget|related|footer|copyright|event|calendar/i;

/** A date written in metadata: a UTC stamp on the publisher's calendar, other ISO as it is ("2016-06-04T…"), anything else read in the page's language. */
function statedValue(value: string, parser: chrono.Chrono, zone: string | undefined): ArticleDate | null {
  const local = localDateOfUtcStamp(value, zone);
  if (local) return local;
  if (/^\s*\d{4}-\d{2}-\d{2}/.test(value)) return normaliseDateValue(value);
  return fullDateIn(value.slice(0, MAX_DATE_TEXT), parser);
}

/** The page's addresses: canonical, og:url, and the permalink of a page with one post (WordPress's only `rel="bookmark"` link). */
function ownUrls(document: PageDocument): string[] {
  const bookmarks = [...document.querySelectorAll('a[rel="bookmark"][href]')];
  return [...pageUrls(document), ...(bookmarks.length === 1 ? [bookmarks[0].getAttribute('href') ?? ''] : [])];
}

/** A date in the page's address: "/2016/06/04/", "/2016-06-04-…", or a segment "/29-10-2021" (day first, as outside the United States). */
function urlDate(document: PageDocument): ArticleDate | null {
  for (const url of ownUrls(document)) {
    const found = /\/((?:19|20)\d\d)[/-](\d{1,2})[/-](\d{1,2})(?:[/-]|$)/.exec(url);
    if (found) return validDate(Number(found[1]), Number(found[2]), Number(found[3]));
    const dayFirst = /\/(\d{1,2})[-.](\d{1,2})[-.]((?:19|20)\d\d)(?:[/.?#]|$)/.exec(url);
    if (dayFirst) return validDate(Number(dayFirst[3]), Number(dayFirst[2]), Number(dayFirst[1]));
  }
  return null;
}

function validDate(year: number, month: number, day: number): ArticleDate | null {
  return month >= 1 && month <= 12 && day >= 1 && day <= 31 ? formatDate(year, month, day) : null;
}

/**
 * Class and id words that describe a page's layout or an article's topics, not what an element is:
 * "no-sidebars", "layoutTwoColumnsRightSidebar", "category-event", "tag-calendar", "has-sidebar".
 */
const LAYOUT_OR_TOPIC = /^(no-|has-|layout|category-|tag-|cat-)/i;

/**
 * True when the element or one of its ancestors (below <body>) is a comment, a sidebar, an update
 * stamp…: no publication date there. What wraps the article (<article>, <main>, what holds the
 * page's headline) is layout, whatever its class says ("content_block right-sidebar").
 */
function outOfBounds(element: PageElement | null, headlineWrappers?: Set<PageElement>): boolean {
  for (let at = element; at && at.tagName !== 'BODY' && at.tagName !== 'HTML'; at = at.parentElement) {
    if (headlineWrappers?.has(at)) return false;
    const words = classAndId(at)
      .split(/\s+/)
      .filter((w) => w && !LAYOUT_OR_TOPIC.test(w));
    if (words.some((w) => NOT_PUBLICATION.test(w))) return true;
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
    const label = `${classAndId(element)} ${element.tagName === 'TIME' ? 'time' : ''}`;
    const icon = DATE_ICON.test(label) ? element.parentElement : null;
    const dated = icon ?? (DATE_ELEMENT.test(label) ? element : null);
    if (!dated || outOfBounds(icon ? dated : element)) continue;
    const date = shortDateText(dated, parser);
    if (date) return date;
  }
  for (const element of document.querySelectorAll('p, span, div, li, small, strong')) {
    const text = (element.textContent ?? '').replace(/\s+/g, ' ').trim();
    // "Pressemitteilung vom 25. Januar 2022 | Berlin – Die künftige …": the label's part, not the story after it.
    const head = text.split(/\s+[|–—]\s+/)[0];
    const labelled = head.length <= 60 && PUBLISHED_LABEL.test(head);
    if (!(labelled || (text.length <= 300 && ARTICLE_PUBLISHED.test(text))) || outOfBounds(element)) continue;
    const date = fullDateIn(labelled ? head : text, parser);
    if (date) return date;
  }
  return null;
}

function shortDateText(element: PageElement, parser: chrono.Chrono): ArticleDate | null {
  const text = (element.textContent ?? '').replace(/\s+/g, ' ').trim();
  return text.length === 0 || text.length > MAX_DATE_TEXT ? null : fullDateIn(text, parser);
}

/** `lang`: the page's language, stated or told from its text. */
export function pageDate(document: PageDocument, lang: string): ArticleDate | null {
  const parser = parserFor(lang);
  const zone = publisherZone(lang, pageHost(document));
  // The date line a reader sees over or under the headline: where metadata disagrees (a UTC stamp a
  // day off, a CMS's own date), the page's printed date is the article's.
  return dateUnderHeadline(document, parser) ?? statedDate(document, parser, zone) ?? dateInText(document, parser) ?? lastUpdate(document, parser, zone);
}

/** The date the page's metadata states: meta tags, JSON-LD, `itemprop`, a `<time datetime>` outside comments and sidebars. */
function statedDate(document: PageDocument, parser: chrono.Chrono, zone: string | undefined): ArticleDate | null {
  const itemprop = document.querySelector('[itemprop="datePublished"]');
  const time = document.querySelector('time[datetime]');
  const stated = [
    metaContent(document, PUBLISHED_META),
    jsonLdMatch(document, /"datePublished"\s*:\s*"([^"]{6,40})"/),
    itemprop?.getAttribute('content') ?? itemprop?.getAttribute('datetime') ?? itemprop?.getAttribute('title') ?? undefined,
    outOfBounds(time) ? undefined : (time?.getAttribute('datetime') ?? undefined),
  ];
  for (const value of stated) {
    const date = value ? statedValue(value, parser, zone) : null;
    if (date) return date;
  }
  return urlDate(document) ?? (itemprop ? fullDateIn(itemprop.textContent ?? '', parser) : null);
}

/** A date the page writes in its title, its date and byline elements, or a "published on" line. */
function dateInText(document: PageDocument, parser: chrono.Chrono): ArticleDate | null {
  return titleDate(document, parser) ?? dateElementText(document, parser);
}

const MODIFIED_META = ['article:modified_time', 'og:updated_time', 'dateModified', 'last-modified'];
/** A line that says when the page was last changed: "Aktualisiert: 30.12.2016", "Updated 3 May 2019", "(last edited 2019-11-10 13:28:18 by …)". */
const UPDATED_LABEL =
  /(^|\()\s*(aktualisiert|zuletzt (aktualisiert|geändert)|letzte änderung|stand|updated|last (updated|edited|modified)|mis à jour|actualizado)\b/i;

/**
 * When the page states no publication date at all, the date it was last changed is the nearest to
 * it (most such pages were written once): its metadata's, an update stamp's, an "Aktualisiert:" line's.
 */
function lastUpdate(document: PageDocument, parser: chrono.Chrono, zone: string | undefined): ArticleDate | null {
  const stamp = document.querySelector('.updated[datetime], .updated[title]');
  const stated = [
    metaContent(document, MODIFIED_META),
    jsonLdMatch(document, /"dateModified"\s*:\s*"([^"]{6,40})"/),
    stamp?.getAttribute('datetime') ?? stamp?.getAttribute('title') ?? undefined,
  ];
  for (const value of stated) {
    const date = value ? statedValue(value, parser, zone) : null;
    if (date) return date;
  }
  for (const element of document.querySelectorAll('p, span, div, li, small, strong, em')) {
    const text = (element.textContent ?? '').replace(/\s+/g, ' ').trim();
    if (text.length > MAX_DATE_TEXT || !UPDATED_LABEL.test(text)) continue;
    const date = fullDateIn(text, parser);
    if (date) return date;
  }
  return null;
}

/** A part of the page's title that is only a date: "23.01.2022 - Headline", "Headline | DW | 23.05.2011". */
function titleDate(document: PageDocument, parser: chrono.Chrono): ArticleDate | null {
  const titles = [document.querySelector('meta[property="og:title"]')?.getAttribute('content'), document.querySelector('title')?.textContent];
  for (const title of titles) {
    for (const part of (title ?? '').split(/\s+(?:[|–—»·•]|-{1,2})\s+/)) {
      const date = /\d{4}/.test(part) ? dateLineDate(part.trim(), parser) : null;
      if (date) return date;
    }
  }
  return null;
}

/** How many elements before the page's <h1> a date line may stand (a kicker or topline over the headline). */
const OVER_HEADLINE = 3;
/** A paragraph this long is the story's: a publication line stands before it. */
const STORY_PARAGRAPH = 60;
/** How many elements after the headline a date line may stand (a publication line sits right under it). */
const UNDER_HEADLINE = 25;

/** The date of the first line right over or under the page's <h1> that is only a date line. */
function dateUnderHeadline(document: PageDocument, parser: chrono.Chrono): ArticleDate | null {
  const headline = document.querySelector('body h1');
  if (!headline) return null;
  const around = elementsAround(headline, OVER_HEADLINE, UNDER_HEADLINE);
  // Over the headline, a date in a list item is the last of a list of other articles.
  const candidates = [...around.before.filter((element) => !inListItem(element)), ...around.after];
  for (const element of candidates) {
    const text = (element.textContent ?? '').replace(/\s+/g, ' ').trim();
    // The story has begun: dates from here on are the story's or the page's lists.
    if (element.tagName === 'P' && text.length > STORY_PARAGRAPH) return null;
    const date = /\d/.test(text) ? dateLineDate(text, parser) : null;
    if (date && !outOfBounds(element, ancestors(headline))) return date;
  }
  return null;
}

function inListItem(element: PageElement): boolean {
  for (let at: PageElement | null = element; at; at = at.parentElement) if (at.tagName === 'LI') return true;
  return false;
}

function ancestors(element: PageElement): Set<PageElement> {
  const found = new Set<PageElement>();
  for (let at = element.parentElement; at; at = at.parentElement) found.add(at);
  return found;
}
