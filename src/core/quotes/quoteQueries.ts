/**
 * Quotes as features ask for them: what an entity said (each quote of an article whose speaker is
 * one of that entity's mentions there, or a name that resolves to it), newest first, placed on its
 * line. Plain data for hovers, the People view, Insert Citation, search and the CLI. Whose a quote
 * is, is decided from the places the cache keeps (no article text is read); only the quotes
 * returned are read, so a hover's three quotes of a person in thousands of articles stay cheap.
 */
import { newestFirst, type ArticleSources } from '../entities/entityCard';
import type { EntityIndex } from '../entities/entityIndex';
import { paragraphLine } from '../types';
import { QUOTE_FIELDS as FIELDS, unpackQuotes } from './quotePacking';

export interface QuoteInfo {
  text: string;
  kind: 'direct' | 'paraphrase';
  path: string;
  title: string;
  source: string | null;
  date: string | null;
  /** 0-based line of the quote's first words in the file. */
  line: number;
  /** Who said it: the entity's name (the article may write it otherwise). */
  speaker: string;
}

/** An article's summary (no text) orders the articles by date; the text is read for the quotes returned. */
export type QuoteSources = ArticleSources;

const SPEAKER = 4;
const UNTAGGED = 7;

type Place = { paragraph: number; start: number; end: number };
const overlaps = (a: Place, b: Place) => a.paragraph === b.paragraph && a.start < b.end && a.end > b.start;

/**
 * The indexes (in the packed list) of an article's quotes said by the entity: the speaker's place is
 * one of its mentions; or the speaker is words the recognizer did not tag and they resolve to it
 * ("said Cook": read from the text, rarely).
 */
function quotesSaidIn(index: EntityIndex, id: string, path: string, packed: readonly number[], sources: QuoteSources): number[] {
  const mentions = index.mentionsIn(path);
  const own = mentions.filter((m) => m.id === id);
  const chosen: number[] = [];
  let texts: string[] | undefined;
  for (let k = 0; k + FIELDS <= packed.length; k += FIELDS) {
    if (packed[k + SPEAKER] < 0) continue;
    const speaker = { paragraph: packed[k + SPEAKER], start: packed[k + SPEAKER + 1], end: packed[k + SPEAKER + 2] };
    if (own.some((m) => overlaps(m, speaker))) chosen.push(k);
    else if (packed[k + UNTAGGED] === 1 && !mentions.some((m) => overlaps(m, speaker))) {
      texts ??= sources.article(path)?.paragraphs.map((p) => p.text) ?? [];
      const name = texts[speaker.paragraph]?.slice(speaker.start, speaker.end) ?? '';
      if (name && index.find(name)?.id === id) chosen.push(k);
    }
  }
  return chosen;
}

/** What an entity is quoted saying, newest article first, in reading order within one; `limit` (direct quotes only) for hovers. */
export function quotesOf(index: EntityIndex, sources: QuoteSources, id: string, limit?: { direct: number }): QuoteInfo[] {
  const compute = (): QuoteInfo[] => {
    const entity = index.get(id);
    const paths = [...new Set(index.mentions(id).map((m) => m.path))];
    const summaries = paths.flatMap((p) => sources.summary(p) ?? []).sort(newestFirst);
    const found: QuoteInfo[] = [];
    for (const summary of summaries) {
      const packed = index.quotesOf(summary.path) ?? [];
      let chosen = quotesSaidIn(index, id, summary.path, packed, sources);
      if (limit) chosen = chosen.filter((k) => packed[k] === 0);
      if (chosen.length === 0) continue;
      const article = sources.article(summary.path);
      if (!article) continue;
      const quotes = unpackQuotes(
        packed,
        article.paragraphs.map((p) => p.text),
      );
      for (const k of chosen) {
        const quote = quotes[k / FIELDS];
        const paragraph = article.paragraphs[quote.paragraph];
        found.push({
          text: quote.text,
          kind: quote.kind,
          path: summary.path,
          title: summary.title,
          source: summary.source,
          date: summary.date,
          line: paragraph ? paragraphLine(paragraph, quote.start) : 0,
          speaker: entity?.name ?? quote.speaker?.name ?? '',
        });
      }
      if (limit && found.length >= limit.direct) return found.slice(0, limit.direct);
    }
    return found;
  };
  return index.cached(`quotes:${id}:${limit?.direct ?? 'all'}`, compute);
}

/** The articles that quote an entity directly (`said:` in search): no text is read. */
export function articlesQuoting(index: EntityIndex, sources: QuoteSources, id: string): Set<string> {
  return index.cached(`quoting:${id}`, () => {
    const paths = new Set<string>();
    for (const path of new Set(index.mentions(id).map((m) => m.path))) {
      const packed = index.quotesOf(path) ?? [];
      if (quotesSaidIn(index, id, path, packed, sources).some((k) => packed[k] === 0)) paths.add(path);
    }
    return paths;
  });
}
