/** What a web page says about itself outside its text: meta tags, JSON-LD fields and its own address. */

/** The little of a DOM these readers use, so that they take linkedom's document and stay testable. */
export interface PageElement {
  getAttribute(name: string): string | null;
  textContent: string | null;
  parentElement: PageElement | null;
  tagName: string;
  querySelectorAll(selector: string): Iterable<PageElement>;
  firstElementChild: PageElement | null;
  lastElementChild: PageElement | null;
  nextElementSibling: PageElement | null;
  previousElementSibling: PageElement | null;
}

export interface PageDocument {
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): Iterable<PageElement>;
  documentElement?: PageElement | null;
}

/** An element's class and id words, as one string to test a pattern against. */
export function classAndId(element: PageElement): string {
  return `${element.getAttribute('class') ?? ''} ${element.getAttribute('id') ?? ''}`;
}

/** Whether `test` holds for the element or one of its ancestors, up to the page's <body> or `top` (neither tested). */
export function inAncestors(element: PageElement, test: (node: PageElement) => boolean, top: PageElement | null = null): boolean {
  for (let node: PageElement | null = element; node && node !== top && node.tagName !== 'BODY'; node = node.parentElement) if (test(node)) return true;
  return false;
}

/** The first non-empty `content` of a meta tag named so (property, name or itemprop), in the order of the names. */
export function metaContent(document: PageDocument, names: string[]): string | undefined {
  for (const name of names) {
    const content = document.querySelector(`meta[property="${name}"], meta[name="${name}"], meta[itemprop="${name}"]`)?.getAttribute('content')?.trim();
    if (content) return content;
  }
  return undefined;
}

/** The texts of the page's JSON-LD scripts, also those written without their type (`<script>{"@context": …`). */
export function jsonLdTexts(document: PageDocument): string[] {
  const texts: string[] = [];
  for (const script of document.querySelectorAll('script[type="application/ld+json"], script:not([type])')) {
    const text = script.textContent ?? '';
    if (script.getAttribute('type') !== null || /^\s*[[{]\s*"@context"/.test(text)) texts.push(text);
  }
  return texts;
}

/** The first capture of `pattern` in the page's JSON-LD scripts ("datePublished": "…"). */
export function jsonLdMatch(document: PageDocument, pattern: RegExp): string | undefined {
  for (const text of jsonLdTexts(document)) {
    const found = pattern.exec(text);
    if (found) return found[1].trim();
  }
  return undefined;
}

/** The page's own address: its canonical link, then og:url. */
export function pageUrls(document: PageDocument): string[] {
  const urls = [
    document.querySelector('link[rel="canonical"]')?.getAttribute('href'),
    document.querySelector('meta[property="og:url"]')?.getAttribute('content'),
  ];
  return urls.filter((url): url is string => Boolean(url));
}

/** The host of the page's address (the canonical link, else og:url), without "www.". */
export function pageHost(document: PageDocument): string | undefined {
  return /^https?:\/\/(?:www\.)?([^/:]+)/i.exec(pageUrls(document)[0] ?? '')?.[1]?.toLowerCase();
}

/**
 * The elements just before and just after one in document order, its own descendants first among
 * those after; its ancestors are not "before" it (they hold it). For reading what stands around a
 * headline without listing the whole page. Elements without text (share buttons, icons) are passed
 * over, and a menu or breadcrumb trail after it counts as one element: a site's trail of 40 links
 * under the headline, or four share buttons between the date line and the headline over it, had
 * hidden the date line.
 */
export function elementsAround(element: PageElement, before: number, after: number): { before: PageElement[]; after: PageElement[] } {
  const following: PageElement[] = [];
  let visited = 0;
  for (let at = nextInOrder(element); at && following.length < after && visited++ < MAX_VISITED; at = isNavigation(at) ? nextAfter(at) : nextInOrder(at))
    if (hasText(at)) following.push(at);
  const holders = new Set<PageElement>();
  for (let at = element.parentElement; at; at = at.parentElement) holders.add(at);
  const preceding: PageElement[] = [];
  visited = 0;
  for (let at = previousInOrder(element); at && preceding.length < before && visited++ < MAX_VISITED; at = previousInOrder(at))
    if (!holders.has(at) && hasText(at)) preceding.unshift(at);
  return { before: preceding, after: following };
}

/** How many elements either way are looked at, at most (an inline SVG has thousands without text). */
const MAX_VISITED = 400;

function hasText(element: PageElement): boolean {
  return /\S/.test(element.textContent ?? '');
}

function nextInOrder(element: PageElement): PageElement | null {
  return element.firstElementChild ?? nextAfter(element);
}

/** The element after this one and all it holds. */
function nextAfter(element: PageElement): PageElement | null {
  for (let at: PageElement | null = element; at && at.tagName !== 'BODY'; at = at.parentElement) if (at.nextElementSibling) return at.nextElementSibling;
  return null;
}

/** Share of a list's text in its links from which it is navigation (a breadcrumb trail ends on the page's own title, not a link). */
const NAVIGATION_LINK_SHARE = 0.6;

/** A <nav>, or a list that is mostly links (a menu, a breadcrumb trail, a list of other articles). */
function isNavigation(element: PageElement): boolean {
  if (element.tagName === 'NAV') return true;
  if (element.tagName !== 'UL' && element.tagName !== 'OL') return false;
  const links = [...element.querySelectorAll('a')];
  if (links.length < 2) return false;
  const textLength = (e: PageElement) => (e.textContent ?? '').replace(/\s+/g, '').length;
  const total = textLength(element);
  return total > 0 && links.reduce((sum, link) => sum + textLength(link), 0) >= NAVIGATION_LINK_SHARE * total;
}

/** The element before in document order: the previous sibling's last descendant, else the parent (up to <body>). */
function previousInOrder(element: PageElement): PageElement | null {
  let previous = element.previousElementSibling;
  if (!previous) return element.parentElement && element.parentElement.tagName !== 'BODY' ? element.parentElement : null;
  while (previous.lastElementChild) previous = previous.lastElementChild;
  return previous;
}
