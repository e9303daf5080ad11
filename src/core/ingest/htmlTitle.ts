/**
 * The headline of a web page, without the site's name: "Headline | Site", "Site - Headline" and
 * "Headline – Section – Site" lose the site's part (its og:site_name or the words of its host), and
 * the page's own <h1> (else its first <h2>) wins when it is the same headline written more fully, the title's first part,
 * or the page's only heading.
 */
import { classAndId, jsonLdMatch, pageHost, type PageDocument, type PageElement } from './htmlMeta';

const SEPARATOR = /\s+(?:[|–—»·•:]|-{1,2}|\/\/?)\s+/;

const collapse = (text: string) => text.replace(/\s+/g, ' ').trim();
const wordsOf = (text: string) =>
  collapse(text)
    .toLowerCase()
    .match(/[\p{L}\p{N}]+/gu) ?? [];

/** The share of the shorter text's words that the other has. */
function overlap(a: string, b: string): number {
  return new Set(wordsOf(a)).size <= new Set(wordsOf(b)).size ? shareIn(a, b) : shareIn(b, a);
}

/** The share of `a`'s words that `b` has. */
function shareIn(a: string, b: string): number {
  const words = new Set(wordsOf(a));
  const other = new Set(wordsOf(b));
  return words.size === 0 ? 0 : [...words].filter((w) => other.has(w)).length / words.size;
}

/** The publisher a page names in JSON-LD ("publisher": { "name": … }). */
export function jsonLdPublisher(document: PageDocument): string | undefined {
  return jsonLdMatch(document, /"publisher"\s*:\s*\{[^{}]*?"name"\s*:\s*"([^"]{2,80})"/);
}

/** The site's names: og:site_name and such, and the words of its host (www.backen.de → "backen"). */
function siteNames(document: PageDocument, siteName: string | undefined): string[] {
  const host = pageHost(document) ?? '';
  return [siteName ?? '', host, host.split('.').slice(0, -1).join(' ')].filter((n) => n.trim().length > 1);
}

/** A title without the segments that name the site. */
export function withoutSiteName(title: string, siteNames: string[]): string {
  const parts = title.split(SEPARATOR).map(collapse).filter(Boolean);
  if (parts.length < 2) return collapse(title);
  // A part that another one repeats at its end is the site's name a template glued on ("Truckwash A31Branchenbuch | Branchenbuch").
  const repeated = parts.slice(1).filter((part) => withoutGluedName(parts[0], [part]) !== parts[0]);
  const names = [...siteNames, ...repeated];
  const isSite = (part: string) =>
    names.some((name) => overlap(part, name) >= 0.6 || collapse(name).toLowerCase().replace(/\s/g, '') === part.toLowerCase().replace(/\s/g, ''));
  const kept = parts.map((part) => withoutGluedName(part, names)).filter((part) => !isSite(part));
  if (kept.length === 0) return collapse(title);
  if (kept.length === parts.length) return longestOfMany(parts) ?? collapse(title);
  const separator = SEPARATOR.exec(title)?.[0] ?? ' - ';
  return kept.join(separator);
}

/**
 * "Site - Headline - Section - Section" with no part known for the site's name: of three parts or
 * more, the headline is the part with the most words, when it has half as many again as any other
 * (never the last part: "Section - Aktuelles - Deutscher Schwimm-Verband e.V." ends on the site).
 */
function longestOfMany(parts: string[]): string | undefined {
  if (parts.length < 3) return undefined;
  const count = (part: string) => wordsOf(part).length;
  const longest = parts.slice(0, -1).reduce((best, part) => (count(part) > count(best) ? part : best));
  const others = parts.filter((part) => part !== longest);
  return count(longest) >= 4 && others.every((part) => count(longest) >= 1.5 * count(part)) ? longest : undefined;
}

/** "Truckwash A31Das etwas andere Branchenbuch": a site's name glued to the headline without a space. */
function withoutGluedName(part: string, names: string[]): string {
  for (const name of names.map(collapse)) {
    if (name.length < 8 || part.length <= name.length + 1 || !part.toLowerCase().endsWith(name.toLowerCase())) continue;
    const before = part.slice(0, part.length - name.length);
    if (/[\p{L}\p{N}]$/u.test(before)) return before;
  }
  return part;
}

/** After a headline, what only dates or files it: "… 02.02.2022 • HVW-Verband, Presse", "… | News". */
const HEADLINE_METADATA = /^\s*(\d{1,2}\.\s?\d{1,2}\.\s?\d{2,4}|[•|·])/u;

/** A line set above a headline inside its <h1>: a kicker, roofline or date ("Dachzeile"). */
const KICKER = /topline|roofline|kicker|overline|dachzeile|spitzmarke|eyebrow|supertitle|titleheader|title-header|(^|[\s_-])date([\s_-]|$)/i;

/** An <h1>'s text as written, and without the kicker lines it holds (the headline itself). */
function headingTexts(h1: PageElement): { full: string; headline: string } {
  const full = collapse(h1.textContent ?? '');
  const kickers = [...h1.querySelectorAll('[class]')].filter((e) => KICKER.test(e.getAttribute('class') ?? ''));
  let headline = full;
  for (const kicker of kickers) headline = headline.replace(collapse(kicker.textContent ?? ''), ' ');
  // The dash or colon that set the kicker apart goes with it.
  return { full, headline: collapse(headline).replace(/^[–—:|-]\s*/, '') || full };
}

/** A short heading with a year and a day in it, in any language: "mardi 5 juin 2018", "5. Juni 2018". */
function looksLikeDate(text: string): boolean {
  const words = wordsOf(text);
  return words.length <= 5 && words.some((w) => /^(19|20)\d\d$/.test(w)) && words.some((w) => /^\d{1,2}$/.test(w) && Number(w) >= 1 && Number(w) <= 31);
}

/** Where a site puts its name, not a headline. */
const LOGO = /logo|brand|site-?title|site-?name|masthead/i;

/** An <h1> that is the site's logo: marked so, or a link to the home page ("/", "../index.html"). */
function isLogo(h1: PageElement): boolean {
  if (LOGO.test(classAndId(h1))) return true;
  const links = [...h1.querySelectorAll('a[href]')];
  const text = collapse(h1.textContent ?? '');
  return (
    links.length === 1 &&
    collapse(links[0].textContent ?? '') === text &&
    /^(\.\.\/|\.\/|\/)*(index\.\w+)?$|^https?:\/\/[^/]+\/?$/i.test(links[0].getAttribute('href') ?? '')
  );
}

/** Marked for screen readers only or not shown at all: "hide", "sr-only", "screen-reader-text", `hidden`. */
const HIDDEN_CLASS = /(^|\s)(hide|hidden|sr-only|visually-?hidden|screen-reader-text|invisible)(\s|$)/i;

/** A heading a reader never sees on the page (an accessibility label, a template's hidden site name). */
function isHidden(heading: PageElement): boolean {
  return (
    HIDDEN_CLASS.test(heading.getAttribute('class') ?? '') ||
    heading.getAttribute('hidden') !== null ||
    heading.getAttribute('aria-hidden') === 'true' ||
    /display\s*:\s*none|visibility\s*:\s*hidden/i.test(heading.getAttribute('style') ?? '')
  );
}

/** Whether `text` starts with `start` (case aside) and goes on with what `rest` matches. */
function startsWithThen(text: string, start: string, rest: RegExp): boolean {
  return text.length > start.length && text.toLowerCase().startsWith(start.toLowerCase()) && rest.test(text.slice(start.length));
}

/** Read before Readability, which removes headings: og:title, else <title>, without the site's name; or the page's <h1>. */
export function pageTitle(document: PageDocument, siteName: string | undefined): string | undefined {
  const names = siteNames(document, siteName);
  const stated =
    collapse(document.querySelector('meta[property="og:title"]')?.getAttribute('content') ?? '') ||
    collapse(document.querySelector('title')?.textContent ?? '');
  const title = stated ? withoutSiteName(stated, names) : undefined;
  // A page without a headline <h1> (a blog's post titles are <h2>s) has its first <h2> instead, unless that is a date (Blogger's day heading).
  const h1s = [...document.querySelectorAll('h1')].filter((h1) => !isLogo(h1) && !isHidden(h1));
  const firstH2 = [...document.querySelectorAll('h2')]
    .filter((h2) => !isHidden(h2))
    .slice(0, 1)
    .filter((h2) => !looksLikeDate(collapse(h2.textContent ?? '')));
  const headings = (h1s.length > 0 ? h1s : firstH2)
    .map(headingTexts)
    .filter((h) => h.full.length >= 4 && h.full.length <= 300)
    .map((h) => (title && startsWithThen(h.headline, title, HEADLINE_METADATA) ? { full: title, headline: title } : h));
  // A heading is the site's name (its logo) when most of its words are the name's: a headline that names the site is still a headline.
  const notSite = (h: string) => !names.some((n) => shareIn(h, n) >= 0.6);
  const parts = stated.split(SEPARATOR).map((p) => collapse(p).toLowerCase());
  const namesSite = (part: string) => names.some((n) => overlap(part, n) >= 0.6);
  const isTitlePart = (h: string, i: number) => parts.length > 1 && parts[i] === h.toLowerCase() && !namesSite(parts[i]);
  const heading =
    // The page's own heading, when it is the headline (not the site's logo) and says at least as much…
    headings.find(({ full }) => notSite(full) && (!title || (overlap(full, title) >= 0.6 && full.length >= title.length * 0.8))) ??
    // …or a part of "Headline - Tagline - Site": the first, or any of three words or more when another
    // part names the site (a blog's name heading is the last part and names nothing we know; a
    // section's name is a word)…
    headings.find(
      ({ headline }) =>
        notSite(headline) &&
        (isTitlePart(headline, 0) || (parts.some(namesSite) && wordsOf(headline).length >= 3 && parts.some((_, i) => isTitlePart(headline, i)))),
    ) ??
    // …or, when the title is a word or two naming the section ("Pressemitteilungen", "About Us"), the headline.
    (title && wordsOf(title).length <= 2 ? headings.find(({ headline }) => notSite(headline) && wordsOf(headline).length >= 4) : undefined) ??
    // …or the page's only heading of three words or more: what the reader sees, where og:title and
    // <title> are often written for search engines ("Das beste … 2022 - Vergleich").
    (headings.length === 1 && notSite(headings[0].headline) && wordsOf(headings[0].headline).length >= 3 ? headings[0] : undefined);
  return heading?.headline ?? title;
}
