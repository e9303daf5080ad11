/**
 * The mentions of one article, resolved inside the article first: a surname, "Mr X" or an
 * organisation's last word is the full name written in the same article (the nearest one before
 * it, else the first after it); only without one does the corpus-wide default apply, and an
 * ambiguous short form with no full name beside it counts for nobody. A person's surname the
 * recognizer missed is still found after their full name.
 */
import type { AliasMatcher } from './aliasMatcher';
import { fold, HONORIFICS, nameWords } from './names';
import { orgFullKeys, orgShortKey, personFullKeys, personShortKey } from './shortForms';

export interface StoredMention {
  entity: number;
  paragraph: number;
  start: number;
  end: number;
}

/** What the scan needs to know about each of the matcher's targets (entities, then ambiguous names). */
export interface MatchTarget {
  kind: 'person' | 'organization';
  /** The entity a mention of this target counts for by default; undefined for an ambiguous name. */
  entity: number | undefined;
}

export interface ArticleScanContext {
  matcher: AliasMatcher;
  targets: readonly MatchTarget[];
  /** Folded spellings that are short forms (resolved by the article's full names). */
  shortForms: ReadonlySet<string>;
  isCommon: (word: string) => boolean;
  /** Places and other names the recognizer found in this article ("New York"): an alias inside one of them is no mention ("York"). */
  enclosingNames?: readonly string[];
}

interface FullName {
  entity: number;
  paragraph: number;
  start: number;
}

export function articleMentions(paragraphs: readonly string[], context: ArticleScanContext): StoredMention[] {
  const raw = paragraphs.flatMap((text, paragraph) =>
    context.matcher
      .scan(text)
      .filter((m) => !insideLongerName(text, m.start, m.end, context.enclosingNames ?? []))
      .map((m) => ({ ...m, paragraph, written: text.slice(m.start, m.end) })),
  );
  const fullNames = new Map<string, FullName[]>();
  for (const m of raw) {
    const target = context.targets[m.entity];
    if (target.entity === undefined) continue;
    const keys = target.kind === 'person' ? personFullKeys(m.written) : orgFullKeys(m.written);
    for (const key of keys) {
      const list = fullNames.get(`${target.kind}:${key}`);
      const place = { entity: target.entity, paragraph: m.paragraph, start: m.start };
      if (list) list.push(place);
      else fullNames.set(`${target.kind}:${key}`, [place]);
    }
  }
  const mentions: StoredMention[] = [];
  for (const m of raw) {
    const target = context.targets[m.entity];
    const short = context.shortForms.has(fold(m.written)) ? (target.kind === 'person' ? personShortKey(m.written) : orgShortKey(m.written)) : undefined;
    const beside = short ? fullNames.get(`${target.kind}:${short}`) : undefined;
    const entity = beside ? nearest(beside, m.paragraph, m.start, target.entity) : target.entity;
    if (entity !== undefined) mentions.push({ entity, paragraph: m.paragraph, start: m.start, end: m.end });
  }
  return [...mentions, ...missedSurnames(paragraphs, fullNames, mentions, context)].sort((a, b) => a.paragraph - b.paragraph || a.start - b.start);
}

/** Whether [start, end) lies inside an occurrence of a longer name in the text. */
function insideLongerName(text: string, start: number, end: number, names: readonly string[]): boolean {
  const written = text.slice(start, end);
  return names.some((name) => {
    if (name.length <= written.length || !name.includes(written)) return false;
    const from = Math.max(0, end - name.length);
    const at = text.indexOf(name, from);
    return at >= 0 && at <= start && at + name.length >= end;
  });
}

/** The full name the short form means: the corpus default when it is in the article, else the nearest one before, else the first after. */
function nearest(candidates: FullName[], paragraph: number, start: number, preferred: number | undefined): number {
  const entities = distinctEntities(candidates);
  if (preferred !== undefined && entities.size > 1 && entities.has(preferred)) return preferred;
  // Candidates are in reading order: the last one before the mention, by binary search.
  let lo = 0;
  let hi = candidates.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const c = candidates[mid];
    if (c.paragraph < paragraph || (c.paragraph === paragraph && c.start < start)) lo = mid + 1;
    else hi = mid;
  }
  return (candidates[lo - 1] ?? candidates[0]).entity;
}

const distinct = new WeakMap<FullName[], Set<number>>();

/** The entities among an article's full names with one key, computed once per list. */
function distinctEntities(candidates: FullName[]): Set<number> {
  let entities = distinct.get(candidates);
  if (!entities) distinct.set(candidates, (entities = new Set(candidates.map((c) => c.entity))));
  return entities;
}

/** "Blair" or "Mr Blair" after "Tony Blair" in the same article, where no alias matched. */
function missedSurnames(
  paragraphs: readonly string[],
  fullNames: Map<string, FullName[]>,
  found: StoredMention[],
  context: ArticleScanContext,
): StoredMention[] {
  const surnames = new Map<string, FullName[]>();
  for (const [key, names] of fullNames) {
    if (key.startsWith('person:') && !key.includes(' ')) surnames.set(key.slice('person:'.length), names);
  }
  if (surnames.size === 0) return [];
  // Mentions by paragraph, so that checking a word looks at its own paragraph only.
  const byParagraph = new Map<number, StoredMention[]>();
  for (const m of found) {
    const list = byParagraph.get(m.paragraph);
    if (list) list.push(m);
    else byParagraph.set(m.paragraph, [m]);
  }
  const taken = (paragraph: number, start: number) => (byParagraph.get(paragraph) ?? []).some((m) => m.start <= start && start < m.end);
  const added: StoredMention[] = [];
  paragraphs.forEach((text, paragraph) => {
    const words = [...text.matchAll(/[\p{L}\p{N}]+(?:[-'’][\p{L}]+)*/gu)];
    words.forEach((word, i) => {
      const start = word.index ?? 0;
      // Capitalised words only: most words are not, and folding every word of the corpus costs.
      if (!/^\p{Lu}/u.test(word[0])) return;
      const names = surnames.get(fold(word[0]));
      if (!names || context.isCommon(word[0]) || taken(paragraph, start)) return;
      if (partOfLongerName(text, words, i)) return;
      const title = i > 0 && HONORIFICS.has(fold(words[i - 1][0])) && /^\.?\s+$/.test(text.slice((words[i - 1].index ?? 0) + words[i - 1][0].length, start));
      const from = title ? (words[i - 1].index ?? 0) : start;
      added.push({ entity: nearest(names, paragraph, start, undefined), paragraph, start: from, end: start + word[0].length });
    });
  });
  return added;
}

/** A capitalised word right before or after (on the same line of words) makes it part of another name: "Wes Brown", "Blair Witch". */
function partOfLongerName(text: string, words: RegExpMatchArray[], i: number): boolean {
  const joined = (a: RegExpMatchArray, b: RegExpMatchArray) => /^\s$/.test(text.slice((a.index ?? 0) + a[0].length, b.index ?? 0));
  const capital = (w: RegExpMatchArray) => /^\p{Lu}/u.test(w[0]) && nameWords(w[0]).length === 1;
  const previous = words[i - 1];
  const next = words[i + 1];
  const sentenceStart = previous === undefined || /[.!?:"“]\s*$/.test(text.slice(0, words[i].index ?? 0));
  if (previous && !sentenceStart && capital(previous) && !HONORIFICS.has(fold(previous[0])) && joined(previous, words[i])) return true;
  return next !== undefined && capital(next) && joined(words[i], next);
}
