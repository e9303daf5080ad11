/**
 * What a hover card shows about an entity: its articles newest first, each with the sentence
 * around its first mention, and the entities mentioned alongside it. Plain data: the extension
 * renders (and escapes) it; the CLI prints it.
 */
import { SEGMENTER_LIMIT } from '../text/sentences';
import { paragraphLine, type ArticleSummary, type Paragraph } from '../types';
import type { EntityIndex, EntityInfo, EntityMention } from './entityIndex';

export interface SentenceAround {
  before: string;
  name: string;
  after: string;
}

export interface CardArticle extends ArticleSummary {
  /** 0-based line of the paragraph holding the first mention, and the name as written there. */
  line: number;
  match: string;
  sentence: SentenceAround;
  mentions: number;
  /** How many other outlets (or other articles, without sources) report the same story. */
  sameStory?: number;
}

/** One thing the entity is quoted saying (the card's "Said" section). */
export interface CardQuote {
  text: string;
  path: string;
  title: string;
  source: string | null;
  date: string | null;
  line: number;
}

export interface EntityCard {
  entity: EntityInfo;
  /** Distinct known sources, and how many of the articles have none. */
  sourceCount: number;
  unknownSourceCount: number;
  articles: CardArticle[];
  /** Articles not shown because of the limit. */
  more: number;
  related: { id: string; name: string; type: string; articles: number }[];
  /** The latest direct quotes, when the engine knows them. */
  said?: CardQuote[];
}

export type ArticleLookup = (path: string) => (ArticleSummary & { paragraphs: Paragraph[] }) | undefined;

/** Where cards read the articles: the summary (no text) of every article an entity is in, the text only of those shown. */
export interface ArticleSources {
  summary: (path: string) => ArticleSummary | undefined;
  article: ArticleLookup;
}

const SENTENCE_LIMIT = 240;
/** Characters kept each side of a name in a paragraph too long to segment whole. */
const WINDOW = 2000;
const ABBREVIATION_END = /(?:\b(?:[A-Z]\.){1,3}|\b(?:Mr|Mrs|Ms|Dr|St|Gen|Sen|Rep|Gov|Lt|Col|Prof|Sgt|Jr|No)\.)$/;

/** Where the sentence that an abbreviation did not really end finishes. */
function nextSentenceEnd(text: string, from: number): number {
  for (const segment of segmenter.segment(text.slice(from))) {
    if (!ABBREVIATION_END.test(segment.segment.trimEnd())) return from + segment.index + segment.segment.length;
  }
  return text.length;
}
const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

export type ArticleRow = { article: ArticleSummary; mentions: EntityMention[] };

/**
 * An entity's articles, newest first, each with its mentions (kept until the index changes). Their
 * summaries only: an entity may be in thousands of articles, whose texts were read and kept here.
 */
export function entityArticles(index: EntityIndex, id: string, summary: ArticleSources['summary']): ArticleRow[] {
  return index.cached(`card-rows:${id}`, () => articleRows(index.mentions(id), summary));
}

function articleRows(mentions: EntityMention[], summary: ArticleSources['summary']): ArticleRow[] {
  const byArticle = new Map<string, EntityMention[]>();
  for (const mention of mentions) {
    const list = byArticle.get(mention.path);
    if (list) list.push(mention);
    else byArticle.set(mention.path, [mention]);
  }
  const rows: ArticleRow[] = [];
  for (const [path, list] of byArticle) {
    const article = summary(path);
    if (article) rows.push({ article, mentions: list });
  }
  return rows.sort((a, b) => newestFirst(a.article, b.article));
}

export function entityCard(index: EntityIndex, id: string, sources: ArticleSources, options: { limit: number; related: number }): EntityCard | undefined {
  const entity = index.get(id);
  if (!entity) return undefined;
  const rows = entityArticles(index, id, sources.summary);
  // Texts and sentences only for the articles shown: an entity may be in thousands.
  const articles = rows.slice(0, options.limit).map(({ article, mentions }): CardArticle => {
    const first = mentions[0];
    const paragraph = sources.article(article.path)?.paragraphs[first.paragraph];
    return {
      path: article.path,
      title: article.title,
      source: article.source,
      date: article.date,
      line: paragraph ? paragraphLine(paragraph, first.start) : 0,
      match: paragraph?.text.slice(first.start, first.end) ?? entity.name,
      sentence: sentenceAround(paragraph?.text ?? '', first.start, first.end),
      mentions: mentions.length,
    };
  });
  return {
    entity,
    sourceCount: new Set(rows.flatMap((r) => (r.article.source ? [r.article.source] : []))).size,
    unknownSourceCount: rows.filter((r) => !r.article.source).length,
    articles,
    more: Math.max(0, rows.length - options.limit),
    related: index.related(id, options.related).map(({ entity: e, articles: n }) => ({ id: e.id, name: e.name, type: e.type, articles: n })),
  };
}

/** Dated articles by date, newest first (a yearless --MM-DD after full dates); undated last. */
export function newestFirst(a: Pick<ArticleSummary, 'date' | 'title'>, b: Pick<ArticleSummary, 'date' | 'title'>): number {
  const rank = (d: string | null) => (d === null ? '' : d.startsWith('--') ? `0000${d.slice(1)}` : d);
  return rank(b.date).localeCompare(rank(a.date)) || a.title.localeCompare(b.title);
}

/** The sentence holding [start, end), cut to a readable length around the name. */
export function sentenceAround(text: string, start: number, end: number): SentenceAround {
  // The segmenter copies the whole text for each sentence: a huge paragraph is cut to a window first.
  if (text.length > SEGMENTER_LIMIT) {
    const from = Math.max(0, start - WINDOW);
    return sentenceAround(text.slice(from, Math.min(text.length, end + WINDOW)), start - from, end - from);
  }
  let from = 0;
  let to = text.length;
  let sentenceStart = 0;
  for (const segment of segmenter.segment(text)) {
    const segmentEnd = segment.index + segment.segment.length;
    // The segmenter ends a sentence after "U.S." or "Mr.": such a piece runs on into the next.
    if (ABBREVIATION_END.test(segment.segment.trimEnd()) && segmentEnd < text.length && segmentEnd <= start) continue;
    if (segmentEnd > start) {
      from = sentenceStart;
      to = ABBREVIATION_END.test(segment.segment.trimEnd()) ? nextSentenceEnd(text, segmentEnd) : Math.max(segmentEnd, end);
      break;
    }
    sentenceStart = segmentEnd;
  }
  let before = text.slice(from, start);
  let after = text.slice(end, to).trimEnd();
  const room = Math.max(40, SENTENCE_LIMIT - (end - start));
  if (before.length > room / 2) before = '…' + before.slice(before.length - Math.floor(room / 2)).replace(/^\S*\s/, '');
  if (after.length > room - before.length) after = after.slice(0, room - before.length).replace(/\s\S*$/, '') + '…';
  return { before: before.trimStart(), name: text.slice(start, end), after };
}
