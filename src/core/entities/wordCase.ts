/**
 * How often each word of the corpus is written lowercase, and capitalised inside a sentence. A word mostly written
 * lowercase ("however", "both", "chancellor") is not a name on its own, even where a sentence or
 * the recognizer capitalises it.
 */
export class WordCaseCounts {
  private readonly counts = new Map<string, { lower: number; upper: number }>();

  add(texts: readonly string[], sign: 1 | -1 = 1): void {
    for (const text of texts) {
      for (const match of text.matchAll(/\p{L}+/gu)) {
        const word = match[0];
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

  clear(): void {
    this.counts.clear();
  }

  readonly isCommon = (word: string): boolean => {
    const count = this.counts.get(word.toLowerCase());
    return count !== undefined && count.lower * 2 > count.upper;
  };
}
