/**
 * How often each word of the corpus is written lowercase, and capitalised inside a sentence. A word mostly written
 * lowercase ("however", "both", "chancellor") is not a name on its own, even where a sentence or
 * the recognizer capitalises it.
 */
export interface WordCaseSnapshot {
  words: [word: string, lower: number, upper: number][];
  acronyms: [acronym: string, singular: number, plural: number][];
}

export class WordCaseCounts {
  private readonly counts = new Map<string, { lower: number; upper: number }>();
  /** Per acronym: how often it is written as is, and in the plural ("PCs"). */
  private readonly acronyms = new Map<string, { singular: number; plural: number }>();

  add(texts: readonly string[], sign: 1 | -1 = 1): void {
    for (const text of texts) {
      for (const match of text.matchAll(/\p{L}+/gu)) {
        const word = match[0];
        if (/^[A-Z]{2,6}s?$/.test(word)) this.countAcronym(word, sign);
        const key = word.toLowerCase();
        const midSentence = /[\p{L}\p{N},;]\s*$/u.test(text.slice(Math.max(0, (match.index ?? 0) - 3), match.index));
        if (word !== key && !midSentence) continue;
        let count = this.counts.get(key);
        if (!count) this.counts.set(key, (count = { lower: 0, upper: 0 }));
        if (word === key) count.lower += sign;
        else count.upper += sign;
      }
    }
  }

  private countAcronym(word: string, sign: 1 | -1): void {
    const plural = word.endsWith('s');
    const acronym = plural ? word.slice(0, -1) : word;
    if (acronym.length < 2) return;
    let count = this.acronyms.get(acronym);
    if (!count) this.acronyms.set(acronym, (count = { singular: 0, plural: 0 }));
    if (plural) count.plural += sign;
    else count.singular += sign;
  }

  /** The counts as plain arrays, for a cache file. */
  toJSON(): WordCaseSnapshot {
    return {
      words: [...this.counts].map(([word, c]) => [word, c.lower, c.upper]),
      acronyms: [...this.acronyms].map(([acronym, c]) => [acronym, c.singular, c.plural]),
    };
  }

  /** Takes counts a cache kept (made from the same texts). */
  restore(snapshot: WordCaseSnapshot): void {
    this.clear();
    for (const [word, lower, upper] of snapshot.words) this.counts.set(word, { lower, upper });
    for (const [acronym, singular, plural] of snapshot.acronyms) this.acronyms.set(acronym, { singular, plural });
  }

  clear(): void {
    this.counts.clear();
    this.acronyms.clear();
  }

  /** Written in the plural at least twice and in one use of ten: "PCs", "MPs", "DVDs" (never "BBCs"). */
  readonly isCountable = (acronym: string): boolean => {
    const count = this.acronyms.get(acronym);
    return count !== undefined && count.plural >= 2 && count.plural * 10 >= count.singular + count.plural;
  };

  readonly isCommon = (word: string): boolean => {
    const count = this.counts.get(word.toLowerCase());
    return count !== undefined && count.lower * 2 > count.upper;
  };
}
