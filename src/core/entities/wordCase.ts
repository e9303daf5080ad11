/**
 * How often each word of the corpus is written lowercase, and capitalised inside a sentence. A word mostly written
 * lowercase ("however", "both", "chancellor") is not a name on its own, even where a sentence or
 * the recognizer capitalises it. And what follows a capitalised word: a thing's words ("Linux
 * software", "BitTorrent networks", "HDTV sets") or an organisation's ("Microsoft said", "Chelsea
 * boss", "Marsh shares").
 */
export interface WordCaseSnapshot {
  words: [word: string, lower: number, upper: number][];
  acronyms: [acronym: string, singular: number, plural: number][];
  /** Per capitalised word: how often a thing's word follows it, and an organisation's (older caches have none). */
  followers?: [word: string, thing: number, organisation: number][];
}

/**
 * Lowercase words after a product's or a technology's name, or after a place named for a meeting
 * or a programme ("the Lisbon targets", "the Doha talks").
 */
const THING_FOLLOWERS = new Set(
  'software system systems technology technologies network networks format formats set sets browser browsers user users file files device devices screen screens program programs version versions platform platforms console consoles handset handsets chip chips standard standards server servers operating broadcasts content signals pictures televisions tv summit targets agenda treaty accord protocol declaration'.split(
    ' ',
  ),
);
/** Lowercase words after an organisation's name: its people, its money, what it says. */
const ORGANISATION_FOLLOWERS = new Set(
  'spokesman spokeswoman spokesperson chief chiefs boss bosses chairman chairwoman executive executives director directors founder founders owner owners staff employees workers shares shareholders profits profit revenue revenues sales board official officials president manager managers coach striker captain squad side fans supporters said says announced reported told added confirmed insisted denied claimed warned'.split(
    ' ',
  ),
);

/** A lowercase word where the search starts (sticky). */
const FOLLOWING_WORD = /\p{Ll}+/uy;
const THING_MIN = 3;
const THING_SHARE = 3;

export class WordCaseCounts {
  private readonly counts = new Map<string, { lower: number; upper: number }>();
  /** Per acronym: how often it is written as is, and in the plural ("PCs"). */
  private readonly acronyms = new Map<string, { singular: number; plural: number }>();
  private readonly followers = new Map<string, { thing: number; organisation: number }>();

  add(texts: readonly string[], sign: 1 | -1 = 1): void {
    for (const text of texts) {
      for (const match of text.matchAll(/\p{L}+/gu)) {
        const word = match[0];
        if (/^[A-Z]{2,6}s?$/.test(word)) this.countAcronym(word, sign);
        if (/^\p{Lu}/u.test(word)) this.countFollower(word, text, (match.index ?? 0) + word.length, sign);
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

  /** The word after a capitalised word (a space between them), when it says thing or organisation. */
  private countFollower(word: string, text: string, end: number, sign: 1 | -1): void {
    if (text[end] !== ' ') return;
    // Read in place (no copy of the text after every capitalised word): the lowercase word that follows.
    FOLLOWING_WORD.lastIndex = end + 1;
    const next = FOLLOWING_WORD.exec(text)?.[0];
    if (!next) return;
    const thing = THING_FOLLOWERS.has(next);
    if (!thing && !ORGANISATION_FOLLOWERS.has(next)) return;
    let count = this.followers.get(word);
    if (!count) this.followers.set(word, (count = { thing: 0, organisation: 0 }));
    if (thing) count.thing += sign;
    else count.organisation += sign;
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
      followers: [...this.followers].map(([word, c]) => [word, c.thing, c.organisation]),
    };
  }

  /** Takes counts a cache kept (made from the same texts). */
  restore(snapshot: WordCaseSnapshot): void {
    this.clear();
    for (const [word, lower, upper] of snapshot.words) this.counts.set(word, { lower, upper });
    for (const [acronym, singular, plural] of snapshot.acronyms) this.acronyms.set(acronym, { singular, plural });
    for (const [word, thing, organisation] of snapshot.followers ?? []) this.followers.set(word, { thing, organisation });
  }

  clear(): void {
    this.counts.clear();
    this.acronyms.clear();
    this.followers.clear();
  }

  /** Written in the plural at least twice and in one use of ten: "PCs", "MPs", "DVDs" (never "BBCs"). */
  readonly isCountable = (acronym: string): boolean => {
    const count = this.acronyms.get(acronym);
    return count !== undefined && count.plural >= 2 && count.plural * 10 >= count.singular + count.plural;
  };

  /** Followed by a thing's words at least 3 times and 3 times as often as by an organisation's: "Linux", "BitTorrent". */
  readonly namesAThing = (word: string): boolean => {
    const count = this.followers.get(word);
    return count !== undefined && count.thing >= THING_MIN && count.thing > THING_SHARE * count.organisation;
  };

  readonly isCommon = (word: string): boolean => {
    const count = this.counts.get(word.toLowerCase());
    return count !== undefined && count.lower * 2 > count.upper;
  };
}
