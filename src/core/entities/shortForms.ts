/**
 * Short forms of names: a surname ("Blair"), a title and a surname ("Mr Blair"), or the last word of
 * an organisation ("United" for Manchester United). While full names end with it, a short form is
 * never an entity of its own: across the corpus it is the full name it appears beside in the same
 * articles, when one clearly dominates, and otherwise it is ambiguous. Inside one article the full
 * name written there decides (see articleMentions.ts).
 */
import { fold, HONORIFICS, isAcronym, nameKey, nameWords, NAME_PARTICLES } from './names';

export type ShortKind = 'person' | 'organization';

/** The share of the evidence the leading full name needs to be a short form's default. */
const DOMINANCE = 0.75;

/** A person's name in words, a hyphenated surname one word: "Mr Kilroy-Silk" → mr, kilroy-silk. */
function personWords(text: string): string[] {
  return text
    .split(/\s+/)
    .map((w) => fold(w).replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''))
    .filter(Boolean);
}

/** "Mr Blair" → "blair", "De Mistura" → "de mistura", "Mr Kilroy-Silk" → "kilroy silk"; undefined for a full name. */
export function personShortKey(text: string): string | undefined {
  const words = withoutHonorifics(personWords(text));
  const significant = words.filter((w) => !NAME_PARTICLES.has(w));
  if (significant.length !== 1 || words.length === 0) return undefined;
  return nameKey(words.join(' '), 'person') || undefined;
}

/** Every short key a full person name answers to: "Staffan de Mistura" → "de mistura", "mistura". */
export function personFullKeys(text: string): string[] {
  const words = withoutHonorifics(personWords(text));
  if (words.filter((w) => !NAME_PARTICLES.has(w)).length < 2) return [];
  const keys: string[] = [];
  for (let cut = 1; cut < words.length; cut++) {
    const key = personShortKey(words.slice(cut).join(' '));
    if (key) keys.push(key);
  }
  return [...new Set(keys)];
}

/** One ordinary word of an organisation: "United"; acronyms are names of their own. */
export function orgShortKey(text: string): string | undefined {
  const words = nameWords(text);
  if (words.length !== 1 || isAcronym(text) || NAME_PARTICLES.has(words[0].toLowerCase())) return undefined;
  return fold(words[0]);
}

/** "Manchester United" → ["united"], "House of Commons" → ["commons"]. */
export function orgFullKeys(text: string): string[] {
  const significant = nameWords(text).filter((w) => !NAME_PARTICLES.has(w.toLowerCase()));
  return significant.length >= 2 && !isAcronym(text) ? [fold(significant[significant.length - 1])] : [];
}

function withoutHonorifics(words: string[]): string[] {
  let first = 0;
  while (first < words.length - 1 && HONORIFICS.has(words[first].replace(/\.$/, ''))) first++;
  return words.slice(first);
}

/** How often a short form appeared beside each candidate: alone (unique) or with other candidates too. */
export class ShortFormEvidence {
  private readonly unique = new Map<string, number>();
  private readonly shared = new Map<string, number>();

  add(present: ReadonlySet<string>): void {
    const target = present.size === 1 ? this.unique : this.shared;
    for (const root of present) target.set(root, (target.get(root) ?? 0) + 1);
  }

  /**
   * The candidate a short form means when its article does not say: the one it appears with alone in
   * at least 75% of such articles (else, with no such article, in 75% of the shared ones); the only
   * candidate there is; otherwise none (ambiguous).
   */
  choose(candidates: ReadonlySet<string>): string | undefined {
    for (const counts of [this.unique, this.shared]) {
      const total = [...counts.values()].reduce((a, b) => a + b, 0);
      if (total === 0) continue;
      const [best, count] = [...counts].sort((a, b) => b[1] - a[1])[0];
      return count / total >= DOMINANCE ? best : undefined;
    }
    return candidates.size === 1 ? [...candidates][0] : undefined;
  }

  /** Candidates, the likeliest first. */
  ranked(candidates: ReadonlySet<string>): string[] {
    const score = (c: string) => (this.unique.get(c) ?? 0) * 1000 + (this.shared.get(c) ?? 0);
    return [...candidates].sort((a, b) => score(b) - score(a) || a.localeCompare(b));
  }
}

interface Named {
  text: string;
}

interface UnionFind {
  find(text: string): string;
  union(a: string, b: string): void;
}

/** An organisation's word is a short form only where it mostly stands beside a full name ending so ("United"), not on its own ("Labour"). */
const ORG_SHORT_FORM_SHARE = 0.5;
/** …or, when only one organisation ends with it ("Commons" of the House of Commons), in one article of ten. */
const ORG_SHORT_FORM_SHARE_UNIQUE = 0.1;

/**
 * Joins each short form to the full name it means across the corpus, or reports it as ambiguous
 * (with the candidates' spellings, likeliest first). `inArticles` lists the spellings of each article.
 */
export function resolveShortForms<S extends Named>(
  spellings: Map<string, S>,
  inArticles: readonly ReadonlySet<string>[],
  groups: UnionFind,
  kindOf: (s: S) => ShortKind | 'other',
): { ambiguous: Map<string, { kind: ShortKind; candidates: string[] }>; shortForms: string[] } {
  const shortKeyOf = new Map<string, string>();
  const fullKeysOf = new Map<string, string[]>();
  const candidates = new Map<string, Set<string>>();
  for (const spelling of spellings.values()) {
    const kind = kindOf(spelling);
    if (kind === 'other') continue;
    const short = kind === 'person' ? personShortKey(spelling.text) : orgShortKey(spelling.text);
    if (short) shortKeyOf.set(spelling.text, `${kind}:${short}`);
    const full = (kind === 'person' ? personFullKeys(spelling.text) : orgFullKeys(spelling.text)).map((k) => `${kind}:${k}`);
    if (!short && full.length > 0) fullKeysOf.set(spelling.text, full);
  }
  for (const [text, keys] of fullKeysOf) for (const key of keys) candidates.set(key, (candidates.get(key) ?? new Set()).add(groups.find(text)));

  const evidence = new Map<string, ShortFormEvidence>();
  const appearances = new Map<string, { all: number; beside: number }>();
  for (const here of inArticles) {
    let present: Map<string, Set<string>> | undefined;
    for (const text of here) {
      const key = shortKeyOf.get(text);
      if (!key || !candidates.has(key)) continue;
      present ??= fullNamesIn(here, fullKeysOf, groups);
      const beside = present.get(key);
      const seen = appearances.get(text) ?? { all: 0, beside: 0 };
      appearances.set(text, { all: seen.all + 1, beside: seen.beside + (beside ? 1 : 0) });
      if (!beside) continue;
      let found = evidence.get(text);
      if (!found) evidence.set(text, (found = new ShortFormEvidence()));
      found.add(beside);
    }
  }

  const ambiguous = new Map<string, { kind: ShortKind; candidates: string[] }>();
  const shortForms: string[] = [];
  for (const [text, key] of shortKeyOf) {
    const options = candidates.get(key);
    if (!options) continue;
    const kind = key.startsWith('person:') ? 'person' : 'organization';
    const seen = appearances.get(text);
    const share = options.size === 1 ? ORG_SHORT_FORM_SHARE_UNIQUE : ORG_SHORT_FORM_SHARE;
    if (kind === 'organization' && (!seen || seen.beside < seen.all * share)) continue;
    shortForms.push(text);
    const found = evidence.get(text) ?? new ShortFormEvidence();
    const chosen = found.choose(options);
    if (chosen) groups.union(chosen, text);
    else ambiguous.set(text, { kind, candidates: found.ranked(options) });
  }
  return { ambiguous, shortForms };
}

/** The full names of one article, by the short key they answer to. */
function fullNamesIn(here: ReadonlySet<string>, fullKeysOf: Map<string, string[]>, groups: UnionFind): Map<string, Set<string>> {
  const present = new Map<string, Set<string>>();
  for (const text of here) {
    for (const key of fullKeysOf.get(text) ?? []) present.set(key, (present.get(key) ?? new Set()).add(groups.find(text)));
  }
  return present;
}
