/**
 * HTML captures through @mozilla/readability (on linkedom's DOM, which bundles and runs fast).
 * Readability's cost grows with the cube of the nesting depth (5,000 nested divs: hours), so a page
 * over the budget (depth, elements) is read as plain text from its tags instead, and says why.
 */
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { normaliseDateValue, parserFor } from './date';
import { dateParagraphDate } from './dateLine';
import { pageDate } from './htmlDate';
import { metaContent, pageHost } from './htmlMeta';
import { jsonLdPublisher, pageTitle } from './htmlTitle';
import { pageAuthor } from './htmlAuthor';
import { leadUnderHeadline, withLead } from './htmlLead';
import { densestProse, statedArticleBody, withFarMoreProse, withStatedBody } from './htmlProse';
import { detectLanguage, pageLanguage } from './language';
import type { ArticleDate } from '../types';

export interface HtmlArticle {
  /** The reading text as lines, a blank line between paragraphs. */
  lines: string[];
  /** For each line, the 0-based line of the original HTML file where it starts (best effort). */
  lineNumbers: number[];
  overrides: { title?: string; source?: string | null; date?: ArticleDate | null };
  /** The page's language (`<html lang>`, else told from its paragraphs), for reading dates in its text. */
  lang?: string;
  /** Set when the page was over the budget and read as plain text: why, for the output channel. */
  overBudget?: string;
}

/** Past these, Readability could hold the load for seconds (depth 500 already takes 2 s). */
export const HTML_BUDGET = { maxDepth: 150, maxElements: 20_000 };

const SITE_META = ['og:site_name', 'application-name', 'publisher', 'DC.publisher'];

/** Elements that start a new paragraph of the reading text. */
const BLOCK_ELEMENTS = new Set(
  'address article aside blockquote br dd div dl dt figcaption figure footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section table tbody td tfoot th thead tr ul'.split(
    ' ',
  ),
);
/** Elements whose text is not the story's: code, and image captions and credits (figcaption, and the classes below, kept through Readability). */
const SKIPPED_ELEMENTS = new Set(['script', 'style', 'noscript', 'template', 'figcaption']);
const CAPTION_CLASSES = ['wp-caption-text', 'caption', 'image-caption', 'img-caption', 'photo-caption', 'copyright', 'credit', 'image-credit', 'photo-credit'];

interface TextTree {
  nodeType: number;
  nodeName: string;
  getAttribute?(name: string): string | null;
  textContent: string | null;
  childNodes: ArrayLike<TextTree>;
}

/**
 * Every piece of text of the (Readability-cleaned) HTML, a paragraph at each block boundary: text
 * written straight inside a <div> counts as much as text in a <p> (no text Readability kept is lost).
 */
function blockTexts(html: string): string[] {
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  const paragraphs: string[] = [];
  let current = '';
  const flush = (): void => {
    const text = current.replace(/\s+/g, ' ').trim();
    if (text) paragraphs.push(text);
    current = '';
  };
  // An explicit stack: nesting depth is bounded by the budget, but recursion is not needed.
  const stack: { node: TextTree; leaving: boolean }[] = [{ node: document.body as unknown as TextTree, leaving: false }];
  while (stack.length > 0) {
    const { node, leaving } = stack.pop() as { node: TextTree; leaving: boolean };
    const name = node.nodeName.toLowerCase();
    if (node.nodeType === 3) {
      current += node.textContent ?? '';
      continue;
    }
    if (node.nodeType !== 1 || SKIPPED_ELEMENTS.has(name) || isCaption(node)) continue;
    if (BLOCK_ELEMENTS.has(name)) flush();
    if (leaving) continue;
    stack.push({ node, leaving: true });
    for (let k = node.childNodes.length - 1; k >= 0; k--) stack.push({ node: node.childNodes[k], leaving: false });
  }
  flush();
  return paragraphs;
}

/** A stated article body's paragraphs: HTML read as the reading text is, plain text a paragraph a line. */
function bodyParagraphs(body: string | undefined): string[] | null {
  if (body === undefined) return null;
  const paragraphs = /<[a-z][^>]*>/i.test(body) ? blockTexts(body) : body.split('\n');
  return paragraphs.map((p) => p.replace(/\s+/g, ' ').trim()).filter(Boolean);
}

function isCaption(node: TextTree): boolean {
  const classes = node.getAttribute?.('class');
  return Boolean(classes) && (classes ?? '').split(/\s+/).some((name) => CAPTION_CLASSES.includes(name));
}

export function parseHtml(raw: string): HtmlArticle {
  const shape = measureTags(raw);
  if (shape.depth > HTML_BUDGET.maxDepth || shape.elements > HTML_BUDGET.maxElements) return plainTextOf(raw, shape);
  const { document } = parseHTML(raw);
  const lang = pageLanguage(document);
  // Before Readability, which removes bylines, date lines and headings from the document.
  const statedDate = pageDate(document, lang ?? '');
  const metaSite = metaContent(document, SITE_META);
  const publisher = jsonLdPublisher(document);
  const host = pageHost(document);
  const headline = pageTitle(document, metaSite ?? publisher);
  const docTitle = document.querySelector('title')?.textContent?.trim();
  const lead = leadUnderHeadline(document);
  unwrapNoscriptArticles(document);
  const densest = densestProse(document);
  const stated = statedArticleBody(document);
  let parsed: ReturnType<Readability['parse']> = null;
  try {
    parsed = new Readability(document as unknown as Document, { classesToPreserve: CAPTION_CLASSES }).parse();
  } catch {
    parsed = null;
  }
  const parser = parserFor(lang ?? '');
  const story = parsed?.content
    ? withLead(withStatedBody(withFarMoreProse(blockTexts(parsed.content), densest), bodyParagraphs(stated)), lead)
    : blockTexts(raw);
  // A line that only dates the page ("Publiziert: 03.04.2020, 12:35") is its metadata, not the story's text (the first dates the page when nothing else did).
  const lineDates = story.map((paragraph) => dateParagraphDate(paragraph, parser));
  const paragraphs = story.filter((_, i) => lineDates[i] === null);
  const overrides: HtmlArticle['overrides'] = {};
  const title = headline || parsed?.title?.trim() || docTitle;
  if (title) overrides.title = title;
  // The site's own name, else its publisher's, else the host of its canonical address.
  const site = parsed?.siteName?.trim() || metaSite || publisher || host;
  if (site) overrides.source = site;
  const date = statedDate ?? normaliseDateValue(parsed?.publishedTime ?? null) ?? lineDates.find((found) => found !== null) ?? null;
  if (date) overrides.date = date;
  return { ...layOut(paragraphs, raw), overrides, lang: lang ?? undefined };
}

/** Who wrote the page and in what language (for "what was read"; not kept with the article). */
export function htmlDetails(raw: string): { author: string | null; language: string | null } {
  const shape = measureTags(raw);
  if (shape.depth > HTML_BUDGET.maxDepth || shape.elements > HTML_BUDGET.maxElements)
    return { author: null, language: detectLanguage(raw.replace(/<[^>]*>/g, ' ')) };
  const { document } = parseHTML(raw);
  return { author: pageAuthor(document), language: pageLanguage(document) };
}

/** Readability drops every <noscript>; some pages (Blogger's) hold their whole post in one, for readers without scripts. */
function unwrapNoscriptArticles(document: Document): void {
  for (const noscript of [...document.querySelectorAll('noscript')]) {
    if (!noscript.querySelector('p') || (noscript.textContent ?? '').trim().length < NOSCRIPT_ARTICLE) continue;
    const holder = document.createElement('div');
    holder.append(...noscript.childNodes);
    noscript.replaceWith(holder);
  }
}

/** A <noscript> with this much text in paragraphs is the page's content, not a "please enable JavaScript" note. */
const NOSCRIPT_ARTICLE = 200;

const MAX_MISSES = 32;

/** Paragraphs become lines separated by blank lines, each mapped back to its line in the raw HTML. */
function layOut(paragraphs: string[], raw: string): { lines: string[]; lineNumbers: number[] } {
  const lowerRaw = raw.toLowerCase();
  const lines: string[] = [];
  const lineNumbers: number[] = [];
  const lineAt = lineCounter(raw);
  // The reading text is in the body: a word of it in the <title> or a meta tag is not where it stands.
  let searchFrom = Math.max(0, lowerRaw.indexOf('<body'));
  let lastLine = lineAt(searchFrom);
  // A paragraph not found as written (markup inside it) costs a scan to the end: after a few, stop looking.
  let misses = 0;
  for (const paragraph of paragraphs) {
    // Its opening words as written, else its first word (markup or an entity may stand in the opening).
    const opening = paragraph.slice(0, 24).toLowerCase();
    const firstWord = (/^[\p{L}\p{N}]+/u.exec(paragraph)?.[0] ?? paragraph).slice(0, 24).toLowerCase();
    let probe = opening;
    let at = misses < MAX_MISSES ? lowerRaw.indexOf(opening, searchFrom) : -1;
    if (at < 0 && misses < MAX_MISSES) {
      probe = firstWord;
      at = lowerRaw.indexOf(firstWord, searchFrom);
    }
    if (at >= 0) {
      lastLine = lineAt(at);
      searchFrom = at + probe.length;
    } else misses++;
    if (lines.length > 0) {
      lines.push('');
      lineNumbers.push(lastLine);
    }
    lines.push(paragraph);
    lineNumbers.push(lastLine);
  }
  return { lines, lineNumbers };
}

/** Line of an offset, for offsets asked in increasing order (one pass over the text in all). */
function lineCounter(text: string): (offset: number) => number {
  let counted = 0;
  let line = 0;
  return (offset) => {
    for (; counted < offset; counted++) if (text.charCodeAt(counted) === 10) line++;
    return line;
  };
}

const VOID_ELEMENTS = new Set('area base br col embed hr img input link meta param source track wbr'.split(' '));
const TAG = /<!--|<(\/?)([a-zA-Z][a-zA-Z0-9-]*)[^>]*?(\/?)>/g;

/** The deepest nesting and the number of elements, from the tags alone (one pass, no DOM; script and style bodies skipped). */
export function measureTags(raw: string): { depth: number; elements: number } {
  let depth = 0;
  let deepest = 0;
  let elements = 0;
  const lower = raw.toLowerCase();
  TAG.lastIndex = 0;
  for (let match = TAG.exec(raw); match; match = TAG.exec(raw)) {
    const [whole, closing, name, selfClosing] = match;
    if (whole === '<!--') {
      const end = raw.indexOf('-->', TAG.lastIndex);
      TAG.lastIndex = end < 0 ? raw.length : end + 3;
      continue;
    }
    const tag = name.toLowerCase();
    if (closing) depth = Math.max(0, depth - 1);
    else {
      elements++;
      if (!selfClosing && !VOID_ELEMENTS.has(tag)) deepest = Math.max(deepest, ++depth);
      if (tag === 'script' || tag === 'style') {
        const end = lower.indexOf(`</${tag}`, TAG.lastIndex);
        TAG.lastIndex = end < 0 ? raw.length : end;
      }
    }
  }
  return { depth: deepest, elements };
}

const BLOCK_TAGS = /<\/?(?:p|div|h[1-6]|li|ul|ol|blockquote|pre|td|tr|table|section|article|header|footer|br|hr|figcaption|title)\b[^>]*>/gi;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** A page over the budget: the text between its tags, a paragraph at each block tag, no layout guessing. */
function plainTextOf(raw: string, shape: { depth: number; elements: number }): HtmlArticle {
  const title = /<title\b[^>]*>([\s\S]*?)<\/title>/i.exec(raw)?.[1];
  const text = withoutHiddenParts(raw)
    .replace(BLOCK_TAGS, '\n\n')
    .replace(/<[^>]*>/g, ' ');
  const paragraphs = decodeEntities(text)
    .split(/\n\s*\n/)
    .map((t) => t.replace(/\s+/g, ' ').trim())
    .filter(Boolean);
  const why =
    shape.depth > HTML_BUDGET.maxDepth
      ? `its elements nest ${shape.depth} deep (the budget is ${HTML_BUDGET.maxDepth})`
      : `it has ${shape.elements} elements (the budget is ${HTML_BUDGET.maxElements})`;
  const overrides: HtmlArticle['overrides'] = {};
  if (title?.trim()) overrides.title = decodeEntities(title).replace(/\s+/g, ' ').trim();
  return { ...layOut(paragraphs, raw), overrides, overBudget: `read as plain text from its tags: ${why}, too complex to lay out in time` };
}

const HIDDEN: [string, string][] = [
  ['<!--', '-->'],
  ['<script', '</script>'],
  ['<style', '</style>'],
  ['<head', '</head>'],
];

/** The page without comments, scripts, styles and its head, cut out by position (linear: each kind's next start is kept). */
function withoutHiddenParts(raw: string): string {
  const lower = raw.toLowerCase();
  const next = HIDDEN.map(([open]) => lower.indexOf(open));
  const kept: string[] = [];
  let from = 0;
  for (;;) {
    let kind = -1;
    next.forEach((at, k) => {
      if (at >= 0 && (kind < 0 || at < next[kind])) kind = k;
    });
    if (kind < 0) break;
    kept.push(raw.slice(from, next[kind]));
    const close = HIDDEN[kind][1];
    const end = lower.indexOf(close, next[kind] + 1);
    from = end < 0 ? raw.length : end + close.length;
    next.forEach((at, k) => {
      if (at >= 0 && at < from) next[k] = lower.indexOf(HIDDEN[k][0], from);
    });
  }
  kept.push(raw.slice(from));
  return kept.join(' ');
}

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code < 0x110000 ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}
