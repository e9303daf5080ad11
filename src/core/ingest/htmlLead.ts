/**
 * The lead (standfirst, deck, teaser) printed right under a page's headline: Readability often keeps
 * it out of the article because it stands in the page's header beside the headline, not in the
 * story's container. Read before Readability, given back when its text lacks it.
 */
import { classAndId, elementsAround, inAncestors, type PageDocument, type PageElement } from './htmlMeta';

/** How many elements after the headline the lead may stand (a date line, a byline, an image may come first). */
const UNDER_HEADLINE = 15;
/** Shorter texts are kickers, bylines, captions. */
const MIN_LEAD = 60;
const MAX_LEAD = 1_500;
const BLOCKS = new Set(['P', 'H2', 'H3', 'DIV', 'LI', 'SECTION']);
/** Page furniture a lead never stands in. */
const FURNITURE = /comment|sidebar|widget|related|footer|share|social|newsletter|breadcrumb|nav|menu|carousel|slider|advert|caption|credit|byline|author|meta/i;

/** The first block of sentences right under the page's only <h1>, or null. */
export function leadUnderHeadline(document: PageDocument): string | null {
  const headlines = [...document.querySelectorAll('body h1')];
  if (headlines.length !== 1) return null;
  for (const element of elementsAround(headlines[0], 0, UNDER_HEADLINE).after) {
    if (!BLOCKS.has(element.tagName) || hasBlockChild(element) || inFurniture(element)) continue;
    const text = (element.textContent ?? '').replace(/\s+/g, ' ').trim();
    if (text.length < MIN_LEAD) continue;
    return text.length <= MAX_LEAD && isSentences(text) ? text : null;
  }
  return null;
}

function hasBlockChild(element: PageElement): boolean {
  for (const child of element.querySelectorAll('p, div, h2, h3, li, ul, ol, section, table')) if (child) return true;
  return false;
}

const FURNITURE_TAGS = new Set(['A', 'NAV', 'ASIDE', 'FOOTER', 'FIGURE']);

function inFurniture(element: PageElement): boolean {
  return inAncestors(element, (at) => FURNITURE_TAGS.has(at.tagName) || FURNITURE.test(classAndId(at)));
}

/** Prose: several words, ending as a sentence does. */
function isSentences(text: string): boolean {
  return text.split(' ').length >= 8 && /[.!?…:;"“”»«)]$/u.test(text);
}

/** The story's paragraphs with the lead under its headline first, when Readability left it out. */
export function withLead(paragraphs: string[], lead: string | null): string[] {
  if (!lead || paragraphs.length === 0) return paragraphs;
  const key = (text: string) => text.replace(/\s+/g, '');
  return key(paragraphs.join('')).includes(key(lead)) ? paragraphs : [lead, ...paragraphs];
}
