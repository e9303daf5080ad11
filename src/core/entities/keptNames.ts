/**
 * An article's names as the entity index keeps them in memory: each name one small number (its
 * spelling's place in a table shared by the corpus, and its type) instead of an object, and every
 * article's numbers, quotes and story features in a few typed arrays shared by the corpus instead of
 * arrays and strings of its own. The name objects took 1.5 KB an article (BBC ×5, names restored from
 * the cache: 17.2 → 3.2 MB as numbers); at ×20 on the database the arrays and strings that were left
 * (quotes, story features, the numbers) took 72.6 MB of heap and buffers, the shared typed arrays 43.3 MB.
 */
import { ENTITY_TYPES, type EntityType } from '../ner/tags';
import type { StoryFeatures } from '../stories/storyFeatures';
import type { ArticleNames } from './resolve';
import { Arena, resized, Slots } from './arenas';

const TYPE_BITS = 2;
const TYPE_MASK = (1 << TYPE_BITS) - 1;
const TYPE_NUMBER = new Map<EntityType, number>(ENTITY_TYPES.map((type, i) => [type, i]));

/** Each spelling once; a name is a number: the spelling's place × 4 + its type. */
class SpellingTable {
  private readonly texts: string[] = [];
  private readonly numbers = new Map<string, number>();

  nameNumber(type: EntityType, text: string): number {
    return (this.numberOf(text) << TYPE_BITS) | TYPE_NUMBER.get(type)!;
  }

  name(number: number): ArticleNames['names'][number] {
    return { type: ENTITY_TYPES[number & TYPE_MASK], text: this.texts[number >>> TYPE_BITS] };
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

const NONE = -1;

/** What does not fit the typed arrays as it is (numbers past 32 bits, features not written as this code writes them): kept as given. */
type KeptAside = Partial<Pick<ArticleNames, 'acronyms' | 'quotes' | 'story'>>;

/** Every article's names, quotes and story features, by path. */
export class KeptNamesTable {
  private readonly spellings = new SpellingTable();
  private readonly slots = new Slots();
  private ints = Arena.ofInts();
  private bytes = Arena.ofBytes();
  /** Per slot: where its names, quotes and story terms start in the arenas, how many, and its text's hash. */
  private columns = emptyColumns(0);
  private readonly aside = new Map<number, KeptAside>();

  get size(): number {
    return this.slots.size;
  }

  get spellingCount(): number {
    return this.spellings.size;
  }

  /** Bytes of the numbers and story terms held, the parts let go and not yet rewritten included. */
  get held(): number {
    return 4 * this.ints.used + this.bytes.used;
  }

  paths(): IterableIterator<string> {
    return this.slots.keys();
  }

  /** Room for these articles' names, quotes and story terms, made at once (before a corpus's articles are set). */
  reserve(articles: readonly ArticleNames[]): void {
    let ints = 0;
    let bytes = 0;
    for (const { names, quotes, story } of articles) {
      ints += names.length + (quotes?.length ?? 0);
      bytes += story ? Buffer.byteLength(story.terms, 'base64') : 0;
    }
    this.ints.reserve(ints);
    this.bytes.reserve(bytes);
    const slots = this.slots.extent + articles.length;
    if (slots > this.columns.namesAt.length) this.columns = resizedColumns(this.columns, slots);
  }

  set(path: string, { names, acronyms, quotes, story }: ArticleNames): void {
    const had = this.slots.of(path);
    if (had !== undefined) this.releaseParts(had);
    const slot = this.slots.take(path);
    if (slot >= this.columns.namesAt.length) this.columns = resizedColumns(this.columns, Math.max(64, 2 * slot));
    const c = this.columns;
    const aside: KeptAside = {};
    c.namesAt[slot] = this.ints.append(names.map(({ type, text }) => this.spellings.nameNumber(type, text)));
    c.namesCount[slot] = names.length;
    if (acronyms.length > 0) aside.acronyms = acronyms;
    c.quotesCount[slot] = NONE;
    if (quotes && quotes.every(isInt32)) {
      c.quotesAt[slot] = this.ints.append(quotes);
      c.quotesCount[slot] = quotes.length;
    } else if (quotes) aside.quotes = quotes;
    c.storyCount[slot] = NONE;
    const terms = story && storedTerms(story);
    if (story && terms) {
      c.storyAt[slot] = this.bytes.append(terms);
      c.storyCount[slot] = terms.length;
      c.storyText[slot] = Number.parseInt(story.text, 16);
    } else if (story) aside.story = story;
    if (Object.keys(aside).length > 0) this.aside.set(slot, aside);
    if (had !== undefined) this.compactIfWasteful();
  }

  get(path: string): ArticleNames | undefined {
    const slot = this.slots.of(path);
    if (slot === undefined) return undefined;
    const article = this.namesIn(slot);
    const quotes = this.quotesIn(slot);
    if (quotes) article.quotes = quotes;
    const story = this.storyIn(slot);
    if (story) article.story = story;
    return article;
  }

  /** The article's names and acronyms only (what resolution reads), without its quotes and story features. */
  names(path: string): ArticleNames | undefined {
    const slot = this.slots.of(path);
    return slot === undefined ? undefined : this.namesIn(slot);
  }

  /** The article's packed quotes, without making its names into objects. */
  quotes(path: string): number[] | undefined {
    const slot = this.slots.of(path);
    return slot === undefined ? undefined : this.quotesIn(slot);
  }

  /** The article's story features, without making its names into objects. */
  story(path: string): StoryFeatures | undefined {
    const slot = this.slots.of(path);
    return slot === undefined ? undefined : this.storyIn(slot);
  }

  delete(path: string): boolean {
    const slot = this.slots.release(path);
    if (slot === undefined) return false;
    this.releaseParts(slot);
    this.compactIfWasteful();
    return true;
  }

  private releaseParts(slot: number): void {
    const c = this.columns;
    this.ints.release(c.namesCount[slot] + Math.max(0, c.quotesCount[slot]));
    this.bytes.release(Math.max(0, c.storyCount[slot]));
    this.aside.delete(slot);
  }

  /** After many articles were added at once: the arrays lose the room they had grown for more (up to half of them). */
  trim(): void {
    this.ints.trim();
    this.bytes.trim();
    this.columns = resizedColumns(this.columns, this.slots.extent);
  }

  /** After the corpus was read anew: spellings no article has any more are let go too. */
  clear(): void {
    this.slots.clear();
    this.aside.clear();
    this.spellings.clear();
    this.ints = Arena.ofInts();
    this.bytes = Arena.ofBytes();
    this.columns = emptyColumns(0);
  }

  private namesIn(slot: number): ArticleNames {
    const { namesAt, namesCount } = this.columns;
    const names = Array.from(this.ints.view(namesAt[slot], namesCount[slot]), (n) => this.spellings.name(n));
    return { names, acronyms: this.aside.get(slot)?.acronyms ?? [] };
  }

  private quotesIn(slot: number): number[] | undefined {
    const { quotesAt, quotesCount } = this.columns;
    if (quotesCount[slot] === NONE) return this.aside.get(slot)?.quotes;
    return Array.from(this.ints.view(quotesAt[slot], quotesCount[slot]));
  }

  private storyIn(slot: number): StoryFeatures | undefined {
    const { storyAt, storyCount, storyText } = this.columns;
    if (storyCount[slot] === NONE) return this.aside.get(slot)?.story;
    const terms = this.bytes.view(storyAt[slot], storyCount[slot]);
    return { text: storyText[slot].toString(16), terms: Buffer.from(terms.buffer, terms.byteOffset, terms.length).toString('base64') };
  }

  /** Every live article's numbers and bytes moved to new arrays, without the parts let go, once they are most of the arrays. */
  private compactIfWasteful(): void {
    if (!this.ints.wasteful && !this.bytes.wasteful) return;
    const c = this.columns;
    const slots = [...this.slots.entries()].map(([, slot]) => slot);
    this.ints = this.ints.compacted((into) => {
      for (const slot of slots) {
        c.namesAt[slot] = into.append(this.ints.view(c.namesAt[slot], c.namesCount[slot]));
        if (c.quotesCount[slot] !== NONE) c.quotesAt[slot] = into.append(this.ints.view(c.quotesAt[slot], c.quotesCount[slot]));
      }
    });
    this.bytes = this.bytes.compacted((into) => {
      for (const slot of slots) if (c.storyCount[slot] !== NONE) c.storyAt[slot] = into.append(this.bytes.view(c.storyAt[slot], c.storyCount[slot]));
    });
  }
}

const isInt32 = (n: number) => (n | 0) === n && !Object.is(n, -0);

/** The features' terms as bytes, when they give back the very same features (this code's base64 of a 32-bit hash's hex). */
function storedTerms(story: StoryFeatures): Uint8Array | undefined {
  const hash = Number.parseInt(story.text, 16);
  if (!(hash >= 0 && hash <= 0xffffffff) || hash.toString(16) !== story.text) return undefined;
  const bytes = Buffer.from(story.terms, 'base64');
  return bytes.toString('base64') === story.terms ? bytes : undefined;
}

interface Columns {
  namesAt: Int32Array;
  namesCount: Int32Array;
  quotesAt: Int32Array;
  quotesCount: Int32Array;
  storyAt: Int32Array;
  storyCount: Int32Array;
  storyText: Uint32Array;
}

function emptyColumns(length: number): Columns {
  return {
    namesAt: new Int32Array(length),
    namesCount: new Int32Array(length),
    quotesAt: new Int32Array(length),
    quotesCount: new Int32Array(length),
    storyAt: new Int32Array(length),
    storyCount: new Int32Array(length),
    storyText: new Uint32Array(length),
  };
}

/** The columns with room for `length` slots (fewer: the first `length` kept). */
function resizedColumns(columns: Columns, length: number): Columns {
  const ints = (array: Int32Array) => resized(array, length, (n) => new Int32Array(n));
  return {
    namesAt: ints(columns.namesAt),
    namesCount: ints(columns.namesCount),
    quotesAt: ints(columns.quotesAt),
    quotesCount: ints(columns.quotesCount),
    storyAt: ints(columns.storyAt),
    storyCount: ints(columns.storyCount),
    storyText: resized(columns.storyText, length, (n) => new Uint32Array(n)),
  };
}
