/**
 * Compare Coverage: the articles of a story side by side, each cut into sentences marked as shared
 * (another article has a sentence with most of the same words) or only its own, and the people
 * and organizations they have in common with how each article writes them ("Daesh" / "ISIS").
 */
import type { EntityIndex } from '../entities/entityIndex';
import { paragraphLine, type ArticleSummary, type Paragraph } from '../types';
import { contentWords } from './storyFeatures';
import { sentenceBounds } from '../text/sentences';

export interface CoveragePassage {
  text: string;
  /** 0-based line in the file. */
  line: number;
  /** Indexes of the other articles that have this passage (near enough); empty: only this one. */
  sharedWith: number[];
}

export interface CoverageArticle extends ArticleSummary {
  passages: CoveragePassage[];
}

export interface CoverageName {
  name: string;
  type: string;
  /** Per article, the ways it writes the name (empty: not mentioned). */
  written: string[][];
}

export interface Coverage {
  title: string;
  articles: CoverageArticle[];
  names: CoverageName[];
}

/** Share of the shorter sentence's content words the other has, from which two passages are one. */
const SAME_PASSAGE = 0.6;
const MIN_WORDS = 4;

type Sentence = CoveragePassage & { words: Set<string> };

function sentencesOf(paragraphs: Paragraph[]): Sentence[] {
  const sentences: Sentence[] = [];
  for (const paragraph of paragraphs) {
    for (const { start, end } of sentenceBounds(paragraph.text)) {
      const text = paragraph.text.slice(start, end).trim();
      if (text) sentences.push({ text, line: paragraphLine(paragraph, start), sharedWith: [], words: new Set(contentWords(text)) });
    }
  }
  return sentences;
}

function samePassage(a: Set<string>, b: Set<string>): boolean {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  if (small.size < MIN_WORDS) return false;
  let shared = 0;
  for (const word of small) if (large.has(word)) shared++;
  return shared / small.size >= SAME_PASSAGE;
}

export function compareCoverage(title: string, articles: readonly (ArticleSummary & { paragraphs: Paragraph[] })[], index: EntityIndex): Coverage {
  const sentences = articles.map((a) => sentencesOf(a.paragraphs));
  sentences.forEach((own, i) =>
    own.forEach((sentence) => {
      sentences.forEach((other, j) => {
        if (j !== i && other.some((s) => samePassage(sentence.words, s.words))) sentence.sharedWith.push(j);
      });
    }),
  );
  return {
    title,
    articles: articles.map((a, i) => ({
      path: a.path,
      title: a.title,
      source: a.source,
      date: a.date,
      passages: sentences[i].map(({ text, line, sharedWith }) => ({ text, line, sharedWith })),
    })),
    names: namesAcross(articles, index),
  };
}

/** The people and organizations two or more of the articles mention, and how each writes them. */
function namesAcross(articles: readonly (ArticleSummary & { paragraphs: Paragraph[] })[], index: EntityIndex): CoverageName[] {
  const ids = new Map<string, number>();
  for (const article of articles) for (const id of index.entitiesIn(article.path)) ids.set(id, (ids.get(id) ?? 0) + 1);
  const names: CoverageName[] = [];
  for (const [id, count] of ids) {
    const entity = index.get(id);
    if (!entity || count < 2) continue;
    const mentions = index.mentions(id);
    const written = articles.map((article) => [
      ...new Set(mentions.filter((m) => m.path === article.path).map((m) => article.paragraphs[m.paragraph]?.text.slice(m.start, m.end) ?? '')),
    ]);
    names.push({ name: entity.name, type: entity.type, written: written.map((w) => w.filter(Boolean)) });
  }
  return names.sort((a, b) => countOf(b) - countOf(a) || a.name.localeCompare(b.name));
}

const countOf = (name: CoverageName) => name.written.filter((w) => w.length).length;
