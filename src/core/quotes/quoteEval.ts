/**
 * Precision and recall of (quote, speaker) pairs against a judged list: a found quote counts when
 * its opening words are a gold quote's and its speaker shares a name word with the gold speaker.
 */
import { articleNames } from '../entities/corpusEntities';
import { readArticle } from '../ingest/loader';
import type { Recognizer } from '../ner/recognizer';
import type { FoundQuote } from './quotes';
import { unpackQuotes } from './quotePacking';

export interface GoldQuote {
  /** The quote's opening words. */
  text: string;
  /** Any of the speaker's names; null when no named person or organization said it. */
  speaker: string | null;
}

export interface QuoteScore {
  precision: number;
  recall: number;
  correct: number;
  found: number;
  gold: number;
  /** Each wrong or missed pair, for reading. */
  errors: string[];
}

const TITLES = new Set(['mr', 'mrs', 'ms', 'miss', 'dr', 'sir', 'lord', 'lady', 'the', 'and', 'for']);

function nameWords(name: string): Set<string> {
  return new Set((name.toLowerCase().match(/[\p{L}'’-]{3,}/gu) ?? []).filter((w) => !TITLES.has(w)));
}

export function sameSpeaker(a: string, b: string): boolean {
  const words = nameWords(b);
  return [...nameWords(a)].some((w) => words.has(w));
}

const opening = (text: string) => text.replace(/\s+/g, ' ').trim().toLowerCase().slice(0, 25);

/** Scores the direct quotes found in each file (by file key) against the gold ones. */
export function scoreQuotes(articles: { file: string; gold: GoldQuote[]; found: FoundQuote[] }[]): QuoteScore {
  let correct = 0;
  let found = 0;
  let gold = 0;
  const errors: string[] = [];
  for (const article of articles) {
    const matched = new Set<GoldQuote>();
    gold += article.gold.filter((g) => g.speaker).length;
    for (const quote of article.found) {
      if (quote.kind !== 'direct' || !quote.speaker) continue;
      found++;
      const start = opening(quote.text);
      const opens = (g: GoldQuote) => start.startsWith(opening(g.text)) || opening(g.text).startsWith(start);
      const truth = article.gold.find((g) => opens(g) && !matched.has(g)) ?? article.gold.find(opens);
      if (truth?.speaker && sameSpeaker(quote.speaker.name, truth.speaker) && !matched.has(truth)) {
        matched.add(truth);
        correct++;
      } else
        errors.push(
          `${article.file}: wrong "${quote.text.slice(0, 40)}" — ${quote.speaker.name} (gold: ${truth ? (truth.speaker ?? 'nobody') : 'not a quote'})`,
        );
    }
    for (const g of article.gold) if (g.speaker && !matched.has(g)) errors.push(`${article.file}: missed "${g.text.slice(0, 40)}" — ${g.speaker}`);
  }
  return { precision: found ? correct / found : 1, recall: gold ? correct / gold : 1, correct, found, gold, errors };
}

export interface QuoteGold {
  articles: { file: string; quotes: GoldQuote[] }[];
}

/**
 * Reads each gold article on the product's own path (readArticle, then the names and quotes the
 * entity build keeps) and scores it. `locate`: where a gold file name is on this machine.
 */
export async function evaluateQuoteGold(gold: QuoteGold, locate: (file: string) => string, recognizer: Recognizer): Promise<QuoteScore> {
  const scored: { file: string; gold: GoldQuote[]; found: FoundQuote[] }[] = [];
  for (const article of gold.articles) {
    const read = await readArticle(locate(article.file), {});
    if ('problem' in read) throw new Error(`${article.file}: ${read.problem.message}`);
    const texts = read.article.paragraphs.map((p) => p.text);
    scored.push({ file: article.file, gold: article.quotes, found: unpackQuotes(articleNames(recognizer, read.article).quotes, texts) });
  }
  return scoreQuotes(scored);
}
