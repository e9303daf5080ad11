/**
 * Names seen as entities in training, as a token trie, so that "Staffan de Mistura" can be looked up
 * in one walk. Matching starts only on a capitalised token, so "us" never matches "US".
 */
import { ENTITY_TYPES, type EntityType } from './tags';

interface TrieNode {
  next: Map<string, TrieNode>;
  /** Bit set of ENTITY_TYPES that a name ending here was labelled with. */
  types: number;
}

const newNode = (): TrieNode => ({ next: new Map(), types: 0 });

/** A capital letter or a digit first (ASCII at a glance, other scripts by the Unicode class). */
function startsName(word: string): boolean {
  const code = word.charCodeAt(0);
  if (code < 128) return (code >= 65 && code <= 90) || (code >= 48 && code <= 57);
  return /^\p{Lu}/u.test(word);
}
const MAX_NAME_TOKENS = 8;

export class Gazetteer {
  private readonly root = newNode();
  private count = 0;

  get size(): number {
    return this.count;
  }

  add(words: string[], type: EntityType): void {
    if (words.length === 0 || words.length > MAX_NAME_TOKENS) return;
    let node = this.root;
    for (const word of words) {
      const key = word.toLowerCase();
      let child = node.next.get(key);
      if (!child) node.next.set(key, (child = newNode()));
      node = child;
    }
    if (node.types === 0) this.count++;
    node.types |= 1 << ENTITY_TYPES.indexOf(type);
  }

  /**
   * For each token and each type: 0 none, or 1 B, 2 I, 3 L, 4 U for the longest name of that type
   * starting at a capitalised token. Returns a Uint8Array of length words.length * 4.
   */
  match(words: string[], lower: string[]): Uint8Array {
    const out = new Uint8Array(words.length * ENTITY_TYPES.length);
    const longest = new Array<number>(ENTITY_TYPES.length);
    for (let i = 0; i < words.length; i++) {
      if (!startsName(words[i]) || !this.root.next.has(lower[i])) continue;
      let node: TrieNode | undefined = this.root;
      longest.fill(0);
      for (let j = i; j < words.length && j - i < MAX_NAME_TOKENS; j++) {
        node = node.next.get(lower[j]);
        if (!node) break;
        for (let t = 0; t < ENTITY_TYPES.length; t++) if (node.types & (1 << t)) longest[t] = j - i + 1;
      }
      for (let t = 0; t < ENTITY_TYPES.length; t++) {
        const length = longest[t];
        if (length === 0) continue;
        for (let k = 0; k < length; k++) {
          const slot = (i + k) * ENTITY_TYPES.length + t;
          if (out[slot] !== 0) continue; // an earlier, longer-reaching name keeps its position
          out[slot] = length === 1 ? 4 : k === 0 ? 1 : k === length - 1 ? 3 : 2;
        }
      }
    }
    return out;
  }

  /** The ENTITY_TYPES bits a whole name was labelled with in training; 0 when unknown. */
  typesOf(words: string[]): number {
    let node: TrieNode | undefined = this.root;
    for (const word of words) if (!(node = node.next.get(word.toLowerCase()))) return 0;
    return node.types;
  }

  /** A compact form for the model file: [words joined by spaces, type bits][]. */
  toJSON(): [string, number][] {
    const out: [string, number][] = [];
    const walk = (node: TrieNode, prefix: string[]) => {
      if (node.types) out.push([prefix.join(' '), node.types]);
      for (const [word, child] of node.next) walk(child, [...prefix, word]);
    };
    walk(this.root, []);
    return out;
  }

  static fromJSON(entries: [string, number][]): Gazetteer {
    const gazetteer = new Gazetteer();
    for (const [name, bits] of entries) {
      ENTITY_TYPES.forEach((type, t) => {
        if (bits & (1 << t)) gazetteer.add(name.split(' '), type);
      });
    }
    return gazetteer;
  }
}
