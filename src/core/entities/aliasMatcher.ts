/**
 * Finds every alias of every entity in a text in one pass: a trie over the aliases' folded words,
 * walked from each word, longest match first. Case rules: an acronym matches only as written
 * ("US" is not "us", "IS" is not "is"); other names need their words capitalised, except
 * particles ("Staffan de Mistura", "Bashar al-Assad").
 */
import { fold, isAcronym, NAME_PARTICLES, nameWords } from './names';

export interface AliasMatch {
  /** Index of the entity in the list the matcher was built from. */
  entity: number;
  start: number;
  end: number;
}

interface Candidate {
  entity: number;
  words: string[];
  exact: boolean;
}

interface TrieNode {
  next: Map<string, TrieNode>;
  ends?: Candidate[];
}

interface Word {
  text: string;
  folded: string;
  start: number;
  end: number;
}

/** Between two words of one name: a space, hyphen, dot or apostrophe or two (not a comma, not a line). */
const NAME_GAP = /^[ \-.'’]{1,3}$/u;

export class AliasMatcher {
  private readonly root: TrieNode = { next: new Map() };

  constructor(entities: readonly { aliases: readonly string[] }[]) {
    entities.forEach((entity, index) => {
      for (const alias of entity.aliases) this.add(alias, index);
    });
  }

  private add(alias: string, entity: number): void {
    const words = nameWords(alias);
    if (words.length === 0) return;
    let node = this.root;
    for (const word of words) {
      const key = foldWord(word);
      let child = node.next.get(key);
      if (!child) node.next.set(key, (child = { next: new Map() }));
      node = child;
    }
    const exact = isAcronym(alias) || words.every((w) => w.length <= 3 && w === w.toUpperCase());
    const ends = (node.ends ??= []);
    if (!ends.some((c) => c.entity === entity && c.exact === exact)) ends.push({ entity, words, exact });
  }

  /** Every match in the text, longest at each position, not overlapping. */
  scan(text: string): AliasMatch[] {
    const words = splitWords(text);
    const matches: AliasMatch[] = [];
    for (let i = 0; i < words.length;) {
      const found = this.longestAt(words, i, text);
      if (found) {
        matches.push({ entity: found.entity, start: words[i].start, end: words[found.last].end });
        i = found.last + 1;
      } else i++;
    }
    return matches;
  }

  /** The match covering a character offset, if any (for hovers: the longest name under the cursor). */
  at(text: string, offset: number): AliasMatch | undefined {
    return this.scan(text).find((m) => m.start <= offset && offset <= m.end);
  }

  private longestAt(words: Word[], first: number, text: string): { entity: number; last: number } | undefined {
    let node: TrieNode | undefined = this.root;
    let best: { entity: number; last: number } | undefined;
    for (let j = first; j < words.length && node; j++) {
      if (j > first && !NAME_GAP.test(text.slice(words[j - 1].end, words[j].start))) break;
      node = node.next.get(words[j].folded);
      const fitting = node?.ends?.find((c) => caseFits(c, words, first));
      if (fitting) best = { entity: fitting.entity, last: j };
    }
    return best;
  }
}

function caseFits(candidate: Candidate, words: Word[], first: number): boolean {
  return candidate.words.every((aliasWord, k) => {
    const written = words[first + k].text;
    if (candidate.exact) return written === aliasWord;
    if (NAME_PARTICLES.has(aliasWord.toLowerCase())) return true;
    return /^[\p{Lu}\p{N}]/u.test(written);
  });
}

function foldWord(word: string): string {
  return /^[\x00-\x7f]*$/.test(word) ? word.toLowerCase() : fold(word);
}

function splitWords(text: string): Word[] {
  const words: Word[] = [];
  for (const m of text.matchAll(/[\p{L}\p{N}]+/gu)) {
    const start = m.index ?? 0;
    words.push({ text: m[0], folded: foldWord(m[0]), start, end: start + m[0].length });
  }
  return words;
}
