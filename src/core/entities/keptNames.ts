/**
 * An article's names as the entity index keeps them in memory: each name one small number (its
 * spelling's place in a table shared by the corpus, and its type) instead of an object. The objects
 * took 1.5 KB an article, the largest part of the names' memory; the numbers take a fifth of that
 * (BBC ×5, names restored from the cache: 17.2 → 3.2 MB).
 */
import { ENTITY_TYPES, type EntityType } from '../ner/tags';
import type { ArticleNames } from './resolve';

/** The names as numbers (spelling × 4 + type); the rest as the recognizer gave it. */
export type KeptNames = Omit<ArticleNames, 'names'> & { names: number[] };

const TYPE_BITS = 2;
const TYPE_MASK = (1 << TYPE_BITS) - 1;
const TYPE_NUMBER = new Map<EntityType, number>(ENTITY_TYPES.map((type, i) => [type, i]));

export class SpellingTable {
  private readonly texts: string[] = [];
  private readonly numbers = new Map<string, number>();

  keep({ names, acronyms, quotes, story }: ArticleNames): KeptNames {
    return { names: names.map(({ type, text }) => (this.numberOf(text) << TYPE_BITS) | TYPE_NUMBER.get(type)!), acronyms, quotes, story };
  }

  names(kept: KeptNames): ArticleNames {
    const { acronyms, quotes, story } = kept;
    return { names: kept.names.map((n) => ({ type: ENTITY_TYPES[n & TYPE_MASK], text: this.texts[n >>> TYPE_BITS] })), acronyms, quotes, story };
  }

  /** After the corpus was read anew: spellings no article has any more are let go. */
  clear(): void {
    this.texts.length = 0;
    this.numbers.clear();
  }

  get size(): number {
    return this.texts.length;
  }

  private numberOf(text: string): number {
    let number = this.numbers.get(text);
    if (number === undefined) {
      number = this.texts.push(text) - 1;
      this.numbers.set(text, number);
    }
    return number;
  }
}
