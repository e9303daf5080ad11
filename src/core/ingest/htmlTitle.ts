/**
 * The headline of a web page, without the site's name: "Headline | Site", "Site - Headline" and
 * "Headline – Section – Site" lose the site's part (its og:site_name or the words of its host), and
 * the page's own <h1> wins when it is the same headline written more fully.
 */
type Doc = {
  querySelector(selector: string): { getAttribute(name: string): string | null; textContent: string | null } | null;
  querySelectorAll(selector: string): Iterable<{ textContent: string | null }>;
};

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

/** The host of the page's canonical URL (or og:url), without "www.". */
export function pageHost(document: Doc): string | undefined {
  const url =
    document.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? document.querySelector('meta[property="og:url"]')?.getAttribute('content') ?? '';
  return /^https?:\/\/(?:www\.)?([^/:]+)/i.exec(url)?.[1]?.toLowerCase();
}

/** The publisher a page names in JSON-LD ("publisher": { "name": … }). */
export function jsonLdPublisher(document: Doc): string | undefined {
  for (const script of document.querySelectorAll('script[type="application/ld+json"]')) {
    const found = /"publisher"\s*:\s*\{[^{}]*?"name"\s*:\s*"([^"]{2,80})"/.exec(script.textContent ?? '');
    if (found) return found[1].trim();
  }
  return undefined;
}

/** The site's names: og:site_name and such, and the words of its host (www.backen.de → "backen"). */
function siteNames(document: Doc, siteName: string | undefined): string[] {
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

export function pageTitle(document: Doc, readabilityTitle: string | undefined, siteName: string | undefined): string | undefined {
  const names = siteNames(document, siteName);
  const stated = [document.querySelector('meta[property="og:title"]')?.getAttribute('content'), readabilityTitle, document.querySelector('title')?.textContent]
    .map((t) => collapse(t ?? ''))
    .filter(Boolean);
  const title = stated.length > 0 ? withoutSiteName(stated[0], names) : undefined;
  const headings = [...document.querySelectorAll('h1')].map((h) => collapse(h.textContent ?? '')).filter((h) => h.length >= 4 && h.length <= 300);
  // The page's own heading, when it is the headline (not the site's logo) and says at least as much.
  const heading = headings.find((h) => !names.some((n) => overlap(h, n) >= 0.8) && (!title || (overlap(h, title) >= 0.6 && h.length >= title.length * 0.8)));
  return heading ?? title;
}
