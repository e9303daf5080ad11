/** HTML captures through @mozilla/readability (on linkedom's DOM, which bundles and runs fast). */
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { normaliseDateValue } from './date';
import type { ArticleDate } from './types';

export interface HtmlArticle {
  /** The reading text as lines, a blank line between paragraphs. */
  lines: string[];
  /** For each line, the 0-based line of the original HTML file where it starts (best effort). */
  lineNumbers: number[];
  overrides: { title?: string; source?: string | null; date?: ArticleDate | null };
}

const BLOCKS = 'h1, h2, h3, h4, h5, h6, p, li, blockquote, pre, td, figcaption';
const DATE_META = ['article:published_time', 'og:article:published_time', 'datePublished', 'date', 'pubdate', 'DC.date.issued', 'sailthru.date'];
const SITE_META = ['og:site_name', 'application-name', 'publisher', 'DC.publisher'];

type Doc = ReturnType<typeof parseHTML>['document'];

function meta(document: Doc, names: string[]): string | undefined {
  for (const name of names) {
    const el = document.querySelector(`meta[property="${name}"], meta[name="${name}"], meta[itemprop="${name}"]`);
    const content = el?.getAttribute('content')?.trim();
    if (content) return content;
  }
  return undefined;
}

function blockTexts(html: string): string[] {
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  const blocks = [...document.querySelectorAll(BLOCKS)]
    .filter((el) => !el.querySelector(BLOCKS))
    .map((el) => (el.textContent ?? '').replace(/\s+/g, ' ').trim())
    .filter((text) => text !== '');
  if (blocks.length > 0) return blocks;
  return (document.body?.textContent ?? '').split(/\n\s*\n/).map((t) => t.replace(/\s+/g, ' ').trim()).filter(Boolean);
}

export function parseHtml(raw: string): HtmlArticle {
  const { document } = parseHTML(raw);
  const metaDate = meta(document, DATE_META) ?? document.querySelector('time[datetime]')?.getAttribute('datetime') ?? undefined;
  const metaSite = meta(document, SITE_META);
  const docTitle = document.querySelector('title')?.textContent?.trim();
  let parsed: ReturnType<Readability['parse']> = null;
  try {
    parsed = new Readability(document as unknown as Document).parse();
  } catch {
    parsed = null;
  }
  const paragraphs = parsed?.content ? blockTexts(parsed.content) : blockTexts(raw);
  const overrides: HtmlArticle['overrides'] = {};
  const title = parsed?.title?.trim() || docTitle;
  if (title) overrides.title = title;
  const site = parsed?.siteName?.trim() || metaSite;
  if (site) overrides.source = site;
  const date = normaliseDateValue(parsed?.publishedTime ?? metaDate);
  if (date) overrides.date = date;
  return { ...layOut(paragraphs, raw), overrides };
}

/** Paragraphs become lines separated by blank lines, each mapped back to its line in the raw HTML. */
function layOut(paragraphs: string[], raw: string): { lines: string[]; lineNumbers: number[] } {
  const lowerRaw = raw.toLowerCase();
  const lines: string[] = [];
  const lineNumbers: number[] = [];
  const lineAt = lineCounter(raw);
  let lastLine = 0;
  let searchFrom = 0;
  for (const paragraph of paragraphs) {
    const probe = paragraph.slice(0, 24).toLowerCase();
    const at = lowerRaw.indexOf(probe, searchFrom);
    if (at >= 0) {
      lastLine = lineAt(at);
      searchFrom = at + probe.length;
    }
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
