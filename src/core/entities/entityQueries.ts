/**
 * The questions features ask about entities, answered with plain, serialisable data: what is under
 * the cursor (for hovers), an entity's card, every mention placed in its file (for references).
 */
import { promises as fs } from 'node:fs';
import { decodeText } from '../ingest/textDecoding';
import { fileLines, placeInFile, type FileLines } from '../ingest/filePlaces';
import { paragraphLine } from '../types';
import { entityArticles, entityCard, sentenceAround, type ArticleSources, type EntityCard, type SentenceAround } from './entityCard';
import type { EntityIndex, EntityInfo } from './entityIndex';

export interface CardOptions {
  limit: number;
  related: number;
}

/** A short name that stands for several entities ("Brown"): the candidates, likeliest first. */
export interface AmbiguousCard {
  name: string;
  type: 'person' | 'organization';
  candidates: Pick<EntityInfo, 'id' | 'name' | 'type' | 'articleCount'>[];
}

/** What is under the cursor, and where the name is in the text that was asked about. */
export type HoverAnswer = { start: number; end: number } & ({ card: EntityCard } | { ambiguous: AmbiguousCard });

/** `path`: the corpus article the text comes from, whose own mentions decide what a short name means there. */
export function hoverAt(
  index: EntityIndex,
  sources: ArticleSources,
  text: string,
  offset: number,
  options: CardOptions,
  path?: string,
): HoverAnswer | undefined {
  const found = index.at(text, offset, path);
  if (!found) return undefined;
  if ('ambiguous' in found) {
    const { name, type, candidates } = found.ambiguous;
    return {
      ambiguous: { name, type, candidates: candidates.map(({ id, name, type, articleCount }) => ({ id, name, type, articleCount })) },
      start: found.start,
      end: found.end,
    };
  }
  const card = entityCard(index, found.entity.id, sources, options);
  return card && { card, start: found.start, end: found.end };
}

/** The one entity an answer is about; undefined for an ambiguous name. */
export function answerEntity(answer: HoverAnswer | undefined): string | undefined {
  return answer && 'card' in answer ? answer.card.entity.id : undefined;
}

export function cardFor(index: EntityIndex, sources: ArticleSources, name: string, options: CardOptions): EntityCard | undefined {
  const entity = index.get(name) ?? index.find(name);
  return entity && entityCard(index, entity.id, sources, options);
}

export interface MentionLocation {
  path: string;
  title: string;
  source: string | null;
  date: string | null;
  /** 0-based line and column in the file, and the name as written there. */
  line: number;
  column: number;
  text: string;
  sentence: SentenceAround;
}

/** Every mention of an entity, placed in its file: newest article first, then in reading order. */
export async function mentionLocations(index: EntityIndex, sources: ArticleSources, id: string): Promise<MentionLocation[]> {
  const locations: MentionLocation[] = [];
  for (const { article: summary, mentions } of entityArticles(index, id, sources.summary)) {
    const article = sources.article(summary.path);
    if (!article) continue;
    const lines = await readFileLines(article.path);
    for (const mention of mentions) {
      const paragraph = article.paragraphs[mention.paragraph];
      if (!paragraph) continue;
      const text = paragraph.text.slice(mention.start, mention.end);
      const place = lines ? placeInFile(lines, paragraph, mention.start, text) : { line: paragraphLine(paragraph, mention.start), column: 0 };
      locations.push({
        path: article.path,
        title: article.title,
        source: article.source,
        date: article.date,
        line: place.line,
        column: place.column,
        text,
        sentence: sentenceAround(paragraph.text, mention.start, mention.end),
      });
    }
  }
  return locations;
}

async function readFileLines(path: string): Promise<FileLines | undefined> {
  try {
    return fileLines(decodeText(await fs.readFile(path)).text);
  } catch {
    return undefined;
  }
}

export type { EntityCard, EntityInfo };
