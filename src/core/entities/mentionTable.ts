/**
 * Mentions in compact form: four 32-bit numbers each in one typed array, instead of an object per
 * mention (a corpus of 44,000 articles has over a million). Per article: entity, paragraph, start,
 * end; per entity: article (an index into a path table), paragraph, start, end.
 */
import type { StoredMention } from './articleMentions';

export type PackedMentions = Int32Array;

export const NO_MENTIONS: PackedMentions = new Int32Array(0);

export function packMentions(mentions: readonly StoredMention[]): PackedMentions {
  const packed = new Int32Array(mentions.length * 4);
  mentions.forEach((m, i) => packed.set([m.entity, m.paragraph, m.start, m.end], i * 4));
  return packed;
}

/** From the flat quadruples a cache file keeps (a broken last one left out). */
export function packNumbers(numbers: readonly number[]): PackedMentions {
  return Int32Array.from(numbers.slice(0, numbers.length - (numbers.length % 4)));
}

export function mentionCount(packed: PackedMentions): number {
  return packed.length >> 2;
}

/** Calls `visit` with each mention's four numbers, without making an object of it. */
export function forEachMention(packed: PackedMentions, visit: (first: number, paragraph: number, start: number, end: number) => void): void {
  for (let k = 0; k + 3 < packed.length; k += 4) visit(packed[k], packed[k + 1], packed[k + 2], packed[k + 3]);
}

/** The distinct first numbers (the entities of an article, the articles of an entity), in order of first appearance. */
export function distinctFirsts(packed: PackedMentions): number[] {
  const seen = new Set<number>();
  for (let k = 0; k < packed.length; k += 4) seen.add(packed[k]);
  return [...seen];
}

/** Mentions collected per entity as they are found, then frozen into typed arrays. */
export class MentionsByEntity {
  private readonly growing = new Map<number, number[]>();
  private readonly frozen = new Map<number, { packed: PackedMentions; articles: number }>();

  add(entity: number, article: number, paragraph: number, start: number, end: number): void {
    let rows = this.growing.get(entity);
    if (!rows) this.growing.set(entity, (rows = []));
    rows.push(article, paragraph, start, end);
  }

  /** Ends the collection: one typed array per entity, with how many articles it covers. */
  freeze(): this {
    for (const [entity, rows] of this.growing) {
      const packed = Int32Array.from(rows);
      this.frozen.set(entity, { packed, articles: distinctFirsts(packed).length });
    }
    this.growing.clear();
    return this;
  }

  get(entity: number): { packed: PackedMentions; articles: number } | undefined {
    return this.frozen.get(entity);
  }
}
