/**
 * Merges the names the recognizer found across the corpus into entities: one per real person or
 * organisation, with every spelling as an alias and one type (the majority of its mentions).
 */
import type { EntityType } from '../ner/tags';
import { correctKinds, isEventName, moveVotes, NO_CORPUS_WORDS, totalVotes, type CorpusWords } from './kindEvidence';
import { fold, HONORIFICS, isAcronym, nameKey, nameWords, NAME_PARTICLES, NOT_NAMES, withoutPossessive, type KeyKind } from './names';
import { NO_OVERRIDES, type EntityOverrides } from './overrides';
import { resolveShortForms } from './shortForms';

import type { StoryFeatures } from '../stories/storyFeatures';

/** What resolution needs from one article: its recognized names and the acronyms it defines (and what the cache keeps with them). */
export interface ArticleNames {
  names: { type: EntityType; text: string }[];
  acronyms: { long: string; short: string }[];
  /** The article's quotes and who said them, packed (quotePacking.ts). */
  quotes?: number[];
  /** What story clustering compares (absent in caches from before stories). */
  story?: StoryFeatures;
}

export type EntityKind = 'person' | 'organization';

export interface ResolvedEntity {
  /** Stable while the name stays: the kind and key of its display name. */
  id: string;
  name: string;
  type: EntityKind;
  /** Every spelling, the display name first. */
  aliases: string[];
}

/** A name the user may hover that stands for several entities: "Brown" in a corpus of Gordon and Wes Brown. */
export interface AmbiguousName {
  name: string;
  type: EntityKind;
  /** Entity ids, the likeliest first. */
  candidates: string[];
}

export interface Resolution {
  entities: ResolvedEntity[];
  ambiguous: AmbiguousName[];
  /** Folded spellings that are short forms ("mr blair", "united"): inside an article, its full names decide. */
  shortForms: string[];
}

export interface Spelling {
  text: string;
  counts: Record<EntityType, number>;
}

const KIND_OF: Partial<Record<EntityType, EntityKind>> = { PER: 'person', ORG: 'organization' };

/** Union–find over spellings. */
export class Groups {
  private readonly parent = new Map<string, string>();
  find(a: string): string {
    let root = a;
    while (this.parent.has(root)) root = this.parent.get(root) as string;
    if (root !== a) this.parent.set(a, root);
    return root;
  }
  union(a: string, b: string): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent.set(rb, ra);
  }
}

export function resolveEntities(articles: Iterable<ArticleNames>, overrides: EntityOverrides = NO_OVERRIDES, words: CorpusWords = NO_CORPUS_WORDS): Resolution {
  const { spellings, acronymPairs, inArticles } = collectSpellings(articles, overrides, words.isCommon);
  correctKinds(spellings, inArticles, words);
  const groups = new Groups();
  const kindOf = (s: Spelling): KindGuess => guessKind(s.counts);
  const byKey = new Map<string, string>();

  // Same key → same entity (particles, transliterations, case, word order for organisations).
  for (const spelling of spellings.values()) {
    if (overrides.keepApart.has(fold(spelling.text))) continue;
    const key = `${keyKind(kindOf(spelling))}:${nameKey(spelling.text, keyKind(kindOf(spelling)))}`;
    const other = byKey.get(key);
    if (other) groups.union(other, spelling.text);
    else byKey.set(key, spelling.text);
  }
  // "UN Security Council" is the Security Council; "Scottish Conservative Party" is not the Conservative Party.
  const organisationLead = (lead: string[]) => {
    const known = spellings.get(lead.join(' '));
    return isAcronym(lead.join('')) || (known !== undefined && kindOf(known) === 'organization' && known.counts.ORG > 0);
  };
  mergeByTail(spellings, groups, kindOf, overrides, 'organization', orgTailKey, organisationLead);
  // Surnames, "Mr X" and an organisation's last word: by the full names they appear beside.
  const shortForms = resolveShortForms(spellings, inArticles, groups, (s) => (overrides.keepApart.has(fold(s.text)) ? 'other' : kindOf(s)));
  mergeUnique(spellings, groups, kindOf, overrides, orgCoreKey);
  mergeUnique(spellings, groups, kindOf, overrides, initialsKey);
  for (const [long, short] of acronymPairs) {
    if (spellings.has(long) && spellings.has(short) && !overrides.keepApart.has(fold(short))) groups.union(long, short);
  }
  mergeUnique(spellings, groups, kindOf, overrides, pluralKey);
  mergeUnique(spellings, groups, kindOf, overrides, firmLeadKey);
  mergeUnique(spellings, groups, kindOf, overrides, newLabelKey);
  mergeAbbreviations(spellings, groups, kindOf, overrides, words.isCommon);
  for (const merge of overrides.merge) {
    const present = merge.filter((name) => spellings.has(name));
    present.slice(1).forEach((name) => groups.union(present[0], name));
  }
  for (const name of shortForms.ambiguous.keys()) spellings.delete(name);
  const entities = buildEntities(spellings, groups, overrides, words.isCommon);
  const idOf = new Map(entities.flatMap((e) => e.aliases.map((a) => [a, e.id] as const)));
  const ambiguous = [...shortForms.ambiguous].flatMap(([name, { kind, candidates }]) => {
    const ids = [...new Set(candidates.flatMap((c) => idOf.get(c) ?? []))];
    return ids.length > 1 ? [{ name, type: kind, candidates: ids }] : [];
  });
  return { entities, ambiguous, shortForms: [...new Set(shortForms.shortForms.map(fold))] };
}

function collectSpellings(
  articles: Iterable<ArticleNames>,
  overrides: EntityOverrides,
  isCommon: (word: string) => boolean,
): { spellings: Map<string, Spelling>; acronymPairs: [string, string][]; inArticles: Set<string>[] } {
  const spellings = new Map<string, Spelling>();
  const acronymPairs: [string, string][] = [];
  const inArticles: Set<string>[] = [];
  const list = [...articles];
  const written = new Set(list.flatMap((article) => article.names.map((name) => withoutPossessive(name.text))));
  const add = (name: string, type: EntityType | undefined): string | undefined => {
    const text = type ? withoutLeadingFunctionWords(withoutPossessive(name), written) : name;
    // One letter ("I." taken for an initial) names nothing: as an alias it would match every "I".
    if (!text || !/^[\p{L}\p{N}]/u.test(text) || text.replace(/[^\p{L}\p{N}]/gu, '').length < 2 || !nameKey(text, 'organization')) return undefined;
    if (type && !isAcronym(text) && nameWords(text).length === 1 && (isCommon(text) || NOT_NAMES.has(fold(text)))) return undefined;
    let spelling = spellings.get(text);
    if (!spelling) spellings.set(text, (spelling = { text, counts: { PER: 0, ORG: 0, LOC: 0, MISC: 0 } }));
    if (type) spelling.counts[type]++;
    return text;
  };
  for (const article of list) {
    const here = new Set<string>();
    for (const name of article.names) {
      const text = add(name.text, name.type);
      if (text) here.add(text);
    }
    for (const { long, short } of article.acronyms) {
      if (!spellings.has(long)) continue;
      add(short, undefined);
      acronymPairs.push([long, short]);
    }
    inArticles.push(here);
  }
  // Names the user merges stay aliases even if the recognizer never found them (Daesh, IS).
  for (const merge of overrides.merge) for (const name of merge) add(name, undefined);
  return { spellings, acronymPairs, inArticles };
}

/**
 * "Both Chelsea" → "Chelsea", "The Labour Party" → "Labour Party", "non-European Union" → "European
 * Union": a leading function word goes when the corpus also writes the name without it; "All
 * Blacks", never written "Blacks" alone, keeps its first word.
 */
function withoutLeadingFunctionWords(text: string, written: ReadonlySet<string>): string {
  let rest = text.replace(/^(?:non|anti|pro|ex|post|pre)-(?=\p{Lu})/iu, '');
  for (;;) {
    const first = /^(\p{L}+)\s+/u.exec(rest);
    if (!first || HONORIFICS.has(first[1].toLowerCase()) || !NOT_NAMES.has(first[1].toLowerCase())) return rest;
    const shorter = rest.slice(first[0].length);
    if (!written.has(shorter) && !NOT_NAMES.has(/^\p{L}+/u.exec(shorter)?.[0].toLowerCase() ?? '')) return rest;
    rest = shorter;
  }
}

export type KindGuess = EntityKind | 'other';

/** The share of a name's tags that say "other name" (MISC) for it to be no person or organisation. */
const OTHER_NAME_SHARE = 0.35;

export function guessKind(counts: Record<EntityType, number>): KindGuess {
  const best = (Object.keys(counts) as EntityType[]).reduce((a, b) => (counts[b] > counts[a] ? b : a));
  if (counts[best] === 0) return 'organization';
  // A work, a product or an award the rules found in enough stories is not an organisation elsewhere.
  if (counts.MISC >= OTHER_NAME_SHARE * totalVotes(counts)) return 'other';
  return KIND_OF[best] ?? 'other';
}

function keyKind(kind: KindGuess): KeyKind {
  return kind === 'person' ? 'person' : 'organization';
}

/**
 * A shorter name joins the one longer name that ends with it: "Lavrov" or "de Mistura" the person
 * whose full name ends so, "Security Council" the one organisation called "… Security Council".
 * When several do (two Assads), it stays apart, because which one is meant is not known.
 */
function mergeByTail(
  spellings: Map<string, Spelling>,
  groups: Groups,
  kindOf: (s: Spelling) => KindGuess,
  overrides: EntityOverrides,
  kind: EntityKind,
  tailKey: (words: string[]) => string | undefined,
  leadFits: (lead: string[]) => boolean = () => true,
): void {
  const members = [...spellings.values()].filter((s) => kindOf(s) === kind && !isAcronym(s.text));
  const longer = new Map<string, Set<string>>();
  for (const member of members) {
    const written = nameWords(member.text);
    const words = written.map(fold);
    // "Mr Toner" is not a longer name for "Toner".
    for (let cut = words.findIndex((w) => !HONORIFICS.has(w)) + 1; cut > 0 && cut < words.length; cut++) {
      if (!leadFits(written.slice(0, cut))) continue;
      const tail = tailKey(words.slice(cut));
      if (tail) longer.set(tail, (longer.get(tail) ?? new Set<string>()).add(member.text));
    }
  }
  for (const member of members) {
    if (overrides.keepApart.has(fold(member.text))) continue;
    const key = tailKey(nameWords(member.text).map(fold));
    const candidates = key ? longer.get(key) : undefined;
    if (!candidates) continue;
    const distinct = new Set([...candidates].map((c) => groups.find(c)));
    if (distinct.size === 1) groups.union([...distinct][0], member.text);
  }
}

/** Two or more significant words, in order: "security council". */
function orgTailKey(words: string[]): string | undefined {
  const significant = words.filter((w) => !NAME_PARTICLES.has(w));
  return significant.length >= 2 && !NAME_PARTICLES.has(words[0]) ? significant.join(' ') : undefined;
}

/**
 * Organisations that agree on a derived key join when that is unambiguous: the key without
 * generic words ("al-Nusra" = "al-Nusra Front", unless there is also a "Nusra Brigade"), and an
 * acronym with the one long form whose initials spell it ("UN" = "United Nations").
 */
function mergeUnique(
  spellings: Map<string, Spelling>,
  groups: Groups,
  kindOf: (s: Spelling) => KindGuess,
  overrides: EntityOverrides,
  derive: (text: string) => { key: string; full: boolean } | undefined,
): void {
  const byDerived = new Map<string, { text: string; full: boolean }[]>();
  for (const spelling of spellings.values()) {
    if (kindOf(spelling) !== 'organization' || overrides.keepApart.has(fold(spelling.text))) continue;
    const derived = derive(spelling.text);
    if (derived) byDerived.set(derived.key, [...(byDerived.get(derived.key) ?? []), { text: spelling.text, full: derived.full }]);
  }
  for (const members of byDerived.values()) {
    const fullRoots = new Set(members.filter((m) => m.full).map((m) => groups.find(m.text)));
    if (fullRoots.size !== 1 || members.length < 2) continue;
    for (const m of members) groups.union(members[0].text, m.text);
  }
}

const GENERIC_ORG_WORDS = new Set(['front', 'movement', 'group', 'brigade', 'brigades', 'party']);

/**
 * "Conservatives" = "Conservative Party", "Liberal Democrats" = "Liberal Democrat": the core without
 * plurals; the plural joins the one name written without it.
 */
function pluralKey(text: string): { key: string; full: boolean } | undefined {
  if (isAcronym(text)) return undefined;
  const words = nameKey(text, 'organization').split(' ');
  const core = words.filter((w) => !GENERIC_ORG_WORDS.has(w));
  const singular = core.map((w) => w.replace(/(?<=\p{L}{3})s$/u, ''));
  return core.length > 0 ? { key: singular.join(' '), full: singular.join(' ') === core.join(' ') } : undefined;
}

/** A one-word organisation name (not an acronym), keyed as itself. */
function oneWordKey(text: string, full: boolean): { key: string; full: boolean } | undefined {
  return nameWords(text).length === 1 && !isAcronym(text) ? { key: fold(text), full } : undefined;
}

/** "New Labour" = "Labour": a party's "New" label, when the corpus knows the one-word organisation. */
function newLabelKey(text: string): { key: string; full: boolean } | undefined {
  const words = nameWords(text);
  if (words.length === 2 && words[0] === 'New' && !isAcronym(words[1])) return { key: fold(words[1]), full: false };
  return oneWordKey(text, true);
}

/** "Marsh" = "Marsh & McLennan": a firm named for partners, and its first name alone, when one firm leads with it. */
function firmLeadKey(text: string): { key: string; full: boolean } | undefined {
  const partners = text.split(' & ');
  return partners.length >= 2 ? { key: fold(partners[0]), full: true } : oneWordKey(text, false);
}

/**
 * "Lib Dems" shortens "Liberal Democrats": as many words, each the start of the other's (plurals
 * aside), and each shortened word no word of its own ("BBC News" does not shorten "BBC Newcastle").
 */
function abbreviates(short: string, long: string, isCommon: (word: string) => boolean): boolean {
  const singular = (w: string) => fold(w).replace(/(?<=\p{L}{2})s$/u, '');
  const written = nameWords(short);
  const [a, b] = [written.map(singular), nameWords(long).map(singular)];
  if (a.length < 2 || a.length !== b.length || b.every((w, i) => w === a[i])) return false;
  return b.every((w, i) => w === a[i] || (a[i].length >= 3 && w.startsWith(a[i]) && !isCommon(written[i])));
}

/** "Lib Dems" = "Liberal Democrats": the one organisation name it shortens. */
function mergeAbbreviations(
  spellings: Map<string, Spelling>,
  groups: Groups,
  kindOf: (s: Spelling) => KindGuess,
  overrides: EntityOverrides,
  isCommon: (word: string) => boolean,
): void {
  const orgs = [...spellings.values()].filter((s) => kindOf(s) === 'organization' && !isAcronym(s.text) && nameWords(s.text).length >= 2);
  // A short form the recognizer mostly took for a person ("Lib Dems") still shortens the organisation.
  const shorts = [...spellings.values()].filter((s) => kindOf(s) !== 'other' && !isAcronym(s.text) && nameWords(s.text).length >= 2);
  // Names that can shorten one another share the first three letters of each word: compare within those buckets only.
  const bucketOf = (text: string) =>
    nameWords(text)
      .map((w) => fold(w).slice(0, 3))
      .join(' ');
  const buckets = new Map<string, Spelling[]>();
  for (const org of orgs) buckets.set(bucketOf(org.text), [...(buckets.get(bucketOf(org.text)) ?? []), org]);
  for (const short of shorts) {
    if (overrides.keepApart.has(fold(short.text))) continue;
    const longer = (buckets.get(bucketOf(short.text)) ?? []).filter((o) => o !== short && abbreviates(short.text, o.text, isCommon));
    const roots = new Set(longer.map((o) => groups.find(o.text)));
    if (roots.size !== 1) continue;
    moveVotes(short.counts, ['PER'], 'ORG');
    groups.union([...roots][0], short.text);
  }
}

/** "al-Nusra Front" → { nusra, full }; "Nusra" → { nusra, not full }. */
function orgCoreKey(text: string): { key: string; full: boolean } | undefined {
  const words = nameKey(text, 'organization').split(' ');
  const core = words.filter((w) => !GENERIC_ORG_WORDS.has(w));
  return core.length > 0 ? { key: core.join(' '), full: core.length < words.length } : undefined;
}

/** "UN" → { un, not full }; "United Nations" → { un, full } (capitalised words only, particles skipped). */
function initialsKey(text: string): { key: string; full: boolean } | undefined {
  if (isAcronym(text)) return { key: text.replace(/[^A-Za-z0-9]/g, '').toLowerCase(), full: false };
  const words = nameWords(text).filter((w) => !NAME_PARTICLES.has(w.toLowerCase()));
  if (words.length < 2 || !words.every((w) => /^\p{Lu}/u.test(w))) return undefined;
  return { key: words.map((w) => fold(w[0])).join(''), full: true };
}

function buildEntities(spellings: Map<string, Spelling>, groups: Groups, overrides: EntityOverrides, isCommon: (word: string) => boolean): ResolvedEntity[] {
  const members = new Map<string, Spelling[]>();
  for (const spelling of spellings.values()) {
    const root = groups.find(spelling.text);
    members.set(root, [...(members.get(root) ?? []), spelling]);
  }
  // Two groups can end with one id ("Hewlett-Packard" typed as a person in one group, "Hewlett Packard" an organisation in another): one entity.
  const byId = new Map<string, ResolvedEntity>();
  for (const group of members.values()) {
    // An acronym is what its long form is ("IE" of "Internet Explorer", tagged ORG for its capitals): the long forms decide.
    const written = group.some((s) => !isAcronym(s.text)) ? group.filter((s) => !isAcronym(s.text)) : group;
    const counts: Record<EntityType, number> = { PER: 0, ORG: 0, LOC: 0, MISC: 0 };
    for (const s of written) for (const t of Object.keys(counts) as EntityType[]) counts[t] += s.counts[t];
    const aliases = orderAliases(group, isCommon);
    const renamed = aliases.map((a) => overrides.rename.get(fold(a))).find((n) => n !== undefined);
    const name = renamed ?? aliases[0];
    if (aliases.some((a) => overrides.hide.has(fold(a)))) continue;
    const retyped = aliases.map((a) => overrides.retype.get(fold(a))).find((t) => t !== undefined);
    const kind = retyped ?? guessKind(counts);
    if (kind === 'other' || (!retyped && isEventName(name))) continue;
    const id = `${kind}:${nameKey(name, kind)}`;
    const ordered = name === aliases[0] ? aliases : [name, ...aliases.filter((a) => a !== name)];
    const same = byId.get(id);
    if (same) same.aliases = [...new Set([...same.aliases, ...ordered])];
    else byId.set(id, { id, name, type: kind, aliases: ordered });
  }
  return [...byId.values()];
}

/**
 * The display name first: the most mentioned full name (not an acronym, not led by a title, not a
 * shortening of another alias: "Tony Blair" before "Mr Blair", "Liberal Democrats" before "Lib Dems"),
 * then the rest by count.
 */
function orderAliases(group: Spelling[], isCommon: (word: string) => boolean): string[] {
  // A trailing function word ("European Union In", from a headline) adds nothing to a name.
  const words = (s: Spelling) => {
    const written = nameWords(s.text);
    while (written.length > 1 && NOT_NAMES.has(fold(written[written.length - 1]))) written.pop();
    return written.filter((w, i) => i > 0 || !HONORIFICS.has(fold(w))).length;
  };
  const shortened = (s: Spelling) => group.some((o) => o !== s && abbreviates(s.text, o.text, isCommon));
  const score = (s: Spelling) => (isAcronym(s.text) ? 0 : 1) * 1e6 + Math.max(0, Math.min(words(s), 3) - (shortened(s) ? 1 : 0)) * 1e4 + totalVotes(s.counts);
  return [...group].sort((a, b) => score(b) - score(a) || a.text.localeCompare(b.text)).map((s) => s.text);
}
