/**
 * The headline of a web page, without the site's name: "Headline | Site", "Site - Headline" and
 * "Headline – Section – Site" lose the site's part (its og:site_name or the words of its host), and
 * the page's own <h1> wins when it is the same headline written more fully, or the title's first part.
 */
import { jsonLdMatch, pageHost, type PageDocument } from './htmlMeta';

const SEPARATOR = /\s+(?:[|–—»·•:]|-{1,2}|\/\/?)\s+/;

const collapse = (text: string) => text.replace(/\s+/g, ' ').trim();
const wordsOf = (text: string) =>
  collapse(text)
    .toLowerCase()
    .match(/[\p{L}\p{N}]+/gu) ?? [];

/** The share of the shorter text's words that the other has. */
function overlap(a: string, b: string): number {
  const [wa, wb] = [new Set(wordsOf(a)), new Set(wordsOf(b))];
  const [small, large] = wa.size <= wb.size ? [wa, wb] : [wb, wa];
  if (small.size === 0) return 0;
  return [...small].filter((w) => large.has(w)).length / small.size;
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
export function withoutSiteName(title: string, names: string[]): string {
  const parts = title.split(SEPARATOR).map(collapse).filter(Boolean);
  if (parts.length < 2) return collapse(title);
  const isSite = (part: string) =>
    names.some((name) => overlap(part, name) >= 0.6 || collapse(name).toLowerCase().replace(/\s/g, '') === part.toLowerCase().replace(/\s/g, ''));
  const kept = parts.filter((part) => !isSite(part));
  if (kept.length === 0) return collapse(title);
  if (kept.length === parts.length) return collapse(title);
  const separator = SEPARATOR.exec(title)?.[0] ?? ' - ';
  return kept.join(separator);
}

/** Read before Readability, which removes headings: og:title, else <title>, without the site's name; or the page's <h1>. */
export function pageTitle(document: PageDocument, siteName: string | undefined): string | undefined {
  const names = siteNames(document, siteName);
  const stated =
    collapse(document.querySelector('meta[property="og:title"]')?.getAttribute('content') ?? '') ||
    collapse(document.querySelector('title')?.textContent ?? '');
  const title = stated ? withoutSiteName(stated, names) : undefined;
  const headings = [...document.querySelectorAll('h1')].map((h) => collapse(h.textContent ?? '')).filter((h) => h.length >= 4 && h.length <= 300);
  // The page's own heading, when it is the headline (not the site's logo) and says at least as much,
  // or when it is the first part of "Headline - Tagline - Site" (a blog's name heading is the last).
  const notSite = (h: string) => !names.some((n) => overlap(h, n) >= 0.8);
  const parts = stated.split(SEPARATOR).map((p) => collapse(p).toLowerCase());
  const heading =
    headings.find((h) => notSite(h) && (!title || (overlap(h, title) >= 0.6 && h.length >= title.length * 0.8))) ??
    (parts.length > 1 ? headings.find((h) => notSite(h) && h.toLowerCase() === parts[0]) : undefined) ??
    // A title of a word or two names the section ("Pressemitteilungen", "About Us"): the page's headline says more.
    (title && wordsOf(title).length <= 2 ? headings.find((h) => notSite(h) && wordsOf(h).length >= 4) : undefined);
  return heading ?? title;
}
