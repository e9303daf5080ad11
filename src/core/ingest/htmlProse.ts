/**
 * The page's story where Readability chose another part of the page: a list of signatories, a table
 * of members of parliament, a block of questions and answers. Before Readability (which removes
 * nodes), the container holding the most prose in its own paragraphs is found; after it, when
 * Readability's text holds far less prose than that container, the container's paragraphs are read.
 * The article body a page states in its JSON-LD is read instead when Readability's text misses most of it.
 */
import { classAndId, inAncestors, jsonLdTexts, type PageDocument, type PageElement } from './htmlMeta';

/** A paragraph of prose: this long at least, and holding the end of a sentence. */
const MIN_PROSE = 60;
const SENTENCE_END = /[.!?…。！？](?:["'”’»)\]]*)(?:\s|$)/u;
/** Containers never taken for the story: where comments, teasers and site furniture stand. */
const FURNITURE =
  /comment|reply|sidebar|widget|related|teaser|promo|footer|newsletter|breadcrumb|nav|menu|carousel|advert|cookie|consent|share|social|caption|credit/i;
/** The container must hold this much prose, and this many times Readability's, to be taken instead. */
const MIN_CONTAINER_PROSE = 600;
const PROSE_RATIO = 2;

const collapse = (text: string) => text.replace(/\s+/g, ' ').trim();

const isProse = (paragraph: string) => paragraph.length >= MIN_PROSE && SENTENCE_END.test(paragraph);

/** How much of these paragraphs is prose, in characters. */
export function proseLength(paragraphs: readonly string[]): number {
  let total = 0;
  for (const paragraph of paragraphs) if (isProse(paragraph)) total += paragraph.length;
  return total;
}

/** Whether the element, or one of its ancestors below `top` or the page's <body> (whose classes name the page, not a block), is furniture or a caption. */
function inFurniture(element: PageElement, top: PageElement | null = null): boolean {
  return inAncestors(element, (node) => FURNITURE.test(classAndId(node)), top);
}

/** The paragraphs (headings, paragraphs, list items, quotes) of the element holding the most prose in its own <p> children. */
export function densestProse(document: PageDocument): string[] | null {
  const prose = new Map<PageElement, number>();
  for (const p of document.querySelectorAll('body p')) {
    const parent = p.parentElement;
    if (!parent) continue;
    const text = collapse(p.textContent ?? '');
    if (isProse(text)) prose.set(parent, (prose.get(parent) ?? 0) + text.length);
  }
  const ranked = [...prose].filter(([element]) => !inFurniture(element)).sort((a, b) => b[1] - a[1]);
  const best = ranked[0];
  if (!best || best[1] < MIN_CONTAINER_PROSE) return null;
  const container = best[0];
  return [...container.querySelectorAll('h2, h3, h4, p, li, blockquote')]
    .filter((element) => !['LI', 'BLOCKQUOTE'].includes(element.parentElement?.tagName ?? '') && !inFurniture(element, container))
    .map((element) => collapse(element.textContent ?? ''))
    .filter(Boolean);
}

/** Readability's paragraphs, or the page's stated article body when it has prose enough and Readability's text holds less than half of its paragraphs. */
export function withStatedBody(story: string[], stated: string[] | null): string[] {
  const prose = stated?.filter(isProse) ?? [];
  if (!stated || proseLength(prose) < MIN_CONTAINER_PROSE) return story;
  const text = collapse(story.join(' '));
  const found = prose.filter((paragraph) => text.includes(paragraph.slice(0, 60))).length;
  return found < prose.length / 2 ? stated : story;
}

/** Readability's paragraphs, or the densest container's when they hold far more prose. */
export function withFarMoreProse(story: string[], other: string[] | null): string[] {
  if (!other) return story;
  const prose = proseLength(other);
  return prose >= MIN_CONTAINER_PROSE && prose > PROSE_RATIO * proseLength(story) ? other : story;
}

/**
 * The article's text as the page states it in its JSON-LD (schema.org's `articleBody`), plain or
 * as HTML: a page drawn by its scripts holds its story nowhere else.
 */
export function statedArticleBody(document: PageDocument): string | undefined {
  for (const text of jsonLdTexts(document)) {
    try {
      const body = articleBodyIn(JSON.parse(text), 0);
      if (body) return body;
    } catch {
      // A script that is not JSON states nothing.
    }
  }
  return undefined;
}

function articleBodyIn(node: unknown, depth: number): string | undefined {
  if (depth > 6 || node === null || typeof node !== 'object') return undefined;
  const body = (node as { articleBody?: unknown }).articleBody;
  if (typeof body === 'string' && body.trim()) return body;
  for (const value of Array.isArray(node) ? node : Object.values(node)) {
    const found = articleBodyIn(value, depth + 1);
    if (found) return found;
  }
  return undefined;
}
