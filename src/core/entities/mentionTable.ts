/**
 * Mentions in compact form: four 32-bit numbers each in one typed array, instead of an object per
 * mention (a corpus of 44,000 articles has over a million): per article, entity, paragraph, start,
 * end. Per entity only its articles and its count of mentions (EntityArticles).
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

/**
 * Per entity: the articles it is mentioned in (numbers into the caller's table of articles, in that
 * table's order) and how many times. Two passes over the articles' mentions fill one typed array for
 * every entity; the mentions themselves stay in each article's own (an entity's are found by reading
 * its articles'), where a copy per entity had held every mention twice.
 */
export class EntityArticles {
  private constructor(
    /** Entity e's articles are `table[offsets[e]]` up to `table[offsets[e + 1]]`. */
    private readonly offsets: Int32Array,
    private readonly table: Int32Array,
    private readonly mentions: Int32Array,
  ) {}

  /** `articles[a]`: article a's mentions; entity numbers outside 0..entityCount-1 are left out. */
  static build(entityCount: number, articles: readonly PackedMentions[]): EntityArticles {
    const mentions = new Int32Array(entityCount);
    const offsets = new Int32Array(entityCount + 1);
    const last = new Int32Array(entityCount).fill(-1);
    const visit = (fill?: (entity: number, article: number) => void) =>
      articles.forEach((packed, article) => {
        for (let k = 0; k < packed.length; k += 4) {
          const entity = packed[k];
          if (entity < 0 || entity >= entityCount) continue;
          if (!fill) mentions[entity]++;
          if (last[entity] === article) continue;
          last[entity] = article;
          if (fill) fill(entity, article);
          else offsets[entity + 1]++;
        }
      });
    visit();
    for (let e = 0; e < entityCount; e++) offsets[e + 1] += offsets[e];
    const table = new Int32Array(offsets[entityCount]);
    const next = offsets.slice(0, entityCount);
    last.fill(-1);
    visit((entity, article) => (table[next[entity]++] = article));
    return new EntityArticles(offsets, table, mentions);
  }

  mentionCount(entity: number): number {
    return this.mentions[entity] ?? 0;
  }

  articleCount(entity: number): number {
    return entity >= 0 && entity < this.mentions.length ? this.offsets[entity + 1] - this.offsets[entity] : 0;
  }

  /** The entity's articles, in the table's order (a view, not a copy). */
  articles(entity: number): Int32Array {
    return entity >= 0 && entity < this.mentions.length ? this.table.subarray(this.offsets[entity], this.offsets[entity + 1]) : NO_MENTIONS;
  }
}
