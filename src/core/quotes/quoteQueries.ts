/**
 * Quotes as features ask for them: what an entity said (each quote of an article whose speaker is
 * one of that entity's mentions there, or a name that resolves to it), newest first, placed on its
 * line. Plain data for hovers, the People view, Insert Citation, search and the CLI.
 */
import { entityArticles, type ArticleLookup } from '../entities/entityCard';
import type { EntityIndex, EntityMention } from '../entities/entityIndex';
import { paragraphLine } from '../types';
import type { FoundQuote } from './quotes';
import { unpackQuotes } from './quotePacking';

export interface QuoteInfo {
  text: string;
  kind: FoundQuote['kind'];
  path: string;
  title: string;
  source: string | null;
  date: string | null;
  /** 0-based line of the quote's first words in the file. */
  line: number;
  /** Who said it: the entity's name (the article may write it otherwise). */
  speaker: string;
}

/**
 * Whether a quote's speaker is one of these mentions; else (capitalized words the recognizer did
 * not tag: "said Cook") whether the name is this entity's — asked only when it shares a word with
 * one of its aliases, since finding a name is not cheap.
 */
function saidBy(quote: FoundQuote, mentions: EntityMention[], aliasWords: Set<string>, index: EntityIndex, id: string): boolean {
  const speaker = quote.speaker;
  if (!speaker) return false;
  if (mentions.some((m) => m.paragraph === speaker.paragraph && m.start < speaker.end && m.end > speaker.start)) return true;
  return wordsOf(speaker.name).some((w) => aliasWords.has(w)) && index.find(speaker.name)?.id === id;
}

const wordsOf = (name: string) => name.toLowerCase().match(/[\p{L}'’-]+/gu) ?? [];

/** Everything an entity is quoted saying, newest article first, in reading order within one. */
export function quotesOf(index: EntityIndex, lookup: ArticleLookup, id: string): QuoteInfo[] {
  return index.cached(`quotes:${id}`, () => {
    const found: QuoteInfo[] = [];
    const entity = index.get(id);
    const aliasWords = new Set((entity?.aliases ?? []).flatMap(wordsOf));
    for (const { article, mentions } of entityArticles(index, id, lookup)) {
      const texts = article.paragraphs.map((p) => p.text);
      for (const quote of unpackQuotes(index.namesOf(article.path)?.quotes, texts)) {
        if (!saidBy(quote, mentions, aliasWords, index, id)) continue;
        const paragraph = article.paragraphs[quote.paragraph];
        found.push({
          text: quote.text,
          kind: quote.kind,
          path: article.path,
          title: article.title,
          source: article.source,
          date: article.date,
          line: paragraph ? paragraphLine(paragraph, quote.start) : 0,
          speaker: entity?.name ?? quote.speaker?.name ?? '',
        });
      }
    }
    return found;
  });
}

/** The articles that quote an entity directly (`said:` in search). */
export function articlesQuoting(index: EntityIndex, lookup: ArticleLookup, id: string): Set<string> {
  return new Set(
    quotesOf(index, lookup, id)
      .filter((q) => q.kind === 'direct')
      .map((q) => q.path),
  );
}
