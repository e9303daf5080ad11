/**
 * Who wrote a web page, from where pages say it, strongest first: the article's JSON-LD `author`
 * (a name, a Person, a list of them, or an `@id` into the graph), author meta tags, `itemprop="author"`,
 * a `rel="author"` link, then a short byline or author element ("Von Marie Jaster", "By J.R. Stone").
 * An address, an e-mail or a long text is never a name.
 */
import { classAndId, metaContent, type PageDocument, type PageElement } from './htmlMeta';

const AUTHOR_META = ['author', 'article:author', 'parsely-author', 'sailthru.author', 'dc.creator', 'DC.creator', 'byl'];
const AUTHOR_ELEMENTS = '[itemprop="author"], a[rel="author"], [class*="author" i], [class*="byline" i], a[href*="/author/"], a[href*="/autor/"]';
/** A short line that labels its author: "Text: Klausmartin Friedrich", "Auteur : Kossivi Tiassou", "Autorin: …". */
const AUTHOR_LABEL = /^(text|autor(in)?|auteur|author|verfasser(in)?)\s*:\s*(?=\p{L})/iu;
/** Comments name their writers too: never the article's. */
const IN_COMMENTS = /comment|reply|respond|discussion/i;
/** "By …", "Von …", "Autor: …", "Auteur : …", "Veröffentlicht vonChris Jung" before the name. */
const BYLINE_LEAD =
  /^((veröffentlicht|geschrieben|verfasst|erstellt|written|posted|published)\s*(von|by)\s*:?\s*|(article by|story by|by|von|vom|par|por|przez|di|door|text|autor(in)?|autoren|auteur|author|verfasser(in)?)(\s*:\s*|\s+|$))/iu;
/**
 * What follows the name in a byline: a date or time ("Günter W. Kienitz at 18:52", "lupa am
 * 26/10/13", "Marie Jaster | 12.03.2021"), another label ("… Edition : M-A. Pioerron").
 */
const BYLINE_TAIL = /(\s+[|·•–—]\s+|,\s*(?=\d)|\s+(at|am|um|on|le|el)\s+\d|\s+\p{L}+\s?:\s).*$/iu;
/** Placeholders a CMS writes where no author is named, a byline's words without one, a photo credit. */
const NO_AUTHOR =
  /^(no author|unknown author|anonymous|anónimo|admin|administrator|(veröffentlicht|published|posted|erstellt|geschrieben|foto|fotos|photo|bild|фото|cortesía)([\s:].*)?)$/iu;
const MAX_NAME = 80;

/** The page's author(s), one string ("Anna Schmidt, Tom Berg"), or null. */
export function pageAuthor(document: PageDocument): string | null {
  const candidates = [jsonLdAuthor(document), metaContent(document, AUTHOR_META), ...elementAuthors(document)];
  for (const candidate of candidates) {
    const name = cleanName(candidate);
    if (name) return name;
  }
  return null;
}

/** More than a byline holds: a name is never this long, and a hostile page's megabyte of text is not scanned. */
const MAX_CANDIDATE = 400;

function cleanName(value: string | null | undefined): string | null {
  const name = (value ?? '')
    .slice(0, MAX_CANDIDATE)
    .replace(/\s+/g, ' ')
    .replace(/^[^\p{L}\p{N}]+/u, '')
    .replace(BYLINE_LEAD, '')
    .replace(BYLINE_TAIL, '')
    .replace(/[\s,;:]+$/, '')
    .trim();
  if (!name || name.length > MAX_NAME || !/\p{L}/u.test(name) || /\d|https?:|www\.|@|\/\//i.test(name) || NO_AUTHOR.test(name)) return null;
  return name;
}

function elementAuthors(document: PageDocument): string[] {
  const names: string[] = [];
  for (const element of document.querySelectorAll(AUTHOR_ELEMENTS)) {
    if (inComments(element)) continue;
    const named = element.getAttribute('content') ?? firstText(element, '[itemprop="name"]') ?? element.textContent;
    if (named) names.push(named);
  }
  for (const element of document.querySelectorAll('p, span, div, li, em, small')) {
    const text = (element.textContent ?? '').replace(/\s+/g, ' ').trim();
    if (text.length <= MAX_NAME && AUTHOR_LABEL.test(text) && !inComments(element)) names.push(text.replace(AUTHOR_LABEL, ''));
  }
  return names;
}

function inComments(element: PageElement): boolean {
  for (let at: PageElement | null = element; at && at.tagName !== 'BODY'; at = at.parentElement) {
    if (IN_COMMENTS.test(classAndId(at))) return true;
  }
  return false;
}

function firstText(element: PageElement, selector: string): string | null {
  for (const inner of element.querySelectorAll(selector)) return inner.getAttribute('content') ?? inner.textContent;
  return null;
}

type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
type JsonObject = { [key: string]: JsonValue };

/** The `author` of the page's article in its JSON-LD, with Person references (`{"@id": …}`) looked up in the graph. */
function jsonLdAuthor(document: PageDocument): string | undefined {
  for (const script of document.querySelectorAll('script[type="application/ld+json"]')) {
    const objects = jsonObjects(parseJson(script.textContent ?? ''));
    const byId = new Map(objects.filter((o) => typeof o['@id'] === 'string').map((o) => [o['@id'] as string, o]));
    for (const object of objects) {
      if (object.author === undefined) continue;
      const names = personNames(object.author, byId);
      if (names.length > 0) return names.join(', ');
    }
  }
  return undefined;
}

function parseJson(text: string): JsonValue {
  try {
    return JSON.parse(text) as JsonValue;
  } catch {
    return null;
  }
}

/** Every object in a JSON-LD value, its `@graph` included, outermost first. */
function jsonObjects(value: JsonValue): JsonObject[] {
  if (Array.isArray(value)) return value.flatMap(jsonObjects);
  if (value === null || typeof value !== 'object') return [];
  return [value, ...jsonObjects(value['@graph'] ?? null)];
}

function personNames(author: JsonValue, byId: Map<string, JsonObject>): string[] {
  if (typeof author === 'string') return [author];
  if (Array.isArray(author)) return author.flatMap((one) => personNames(one, byId));
  if (author === null || typeof author !== 'object') return [];
  const person = typeof author.name === 'string' ? author : byId.get(String(author['@id']));
  return typeof person?.name === 'string' ? [person.name] : [];
}
