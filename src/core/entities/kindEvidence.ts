/**
 * Corrections to the recognizer's votes, from what a name looks like and how the corpus uses it:
 * events are not organisations ("Champions League", "Six Nations"), places are not people ("Downing
 * Street"), countable acronyms are common nouns ("PCs", "MPs"), a title alone is nobody ("Lord"),
 * "Mr X" is a person, one word that no article ever introduces with a first name or a title is
 * not a person ("Yukos", "Christmas"), and a name the corpus follows with a thing's words, not an
 * organisation's, is a product or a technology ("Linux software", "HDTV sets").
 */
import type { EntityType } from '../ner/tags';
import { fold, HONORIFICS, isAcronym, nameWords, NAME_PARTICLES } from './names';
import { personFullKeys, personShortKey } from './shortForms';

/** The head word of an organisation's name: whatever follows it ("Norwegian Broadcasting Corporation TV"), the name is no product. */
const ORGANISATION_HEADS = new Set(
  'corporation corp company co inc ltd plc group holdings bank agency association council party union institute university commission ministry department office authority board federation league club'.split(
    ' ',
  ),
);

/** "Linux", "Digital Rights Management": a name whose last word the corpus follows with a thing's words. */
function namesAThing(written: string[], words: CorpusWords): boolean {
  const last = written[written.length - 1];
  return last !== undefined && !ORGANISATION_HEADS.has(fold(last)) && words.namesAThing?.(last) === true;
}

/** A title written alone ("Lord", "Prince") names nobody in particular. */
const TITLES_ALONE = new Set([...HONORIFICS, 'lord', 'lady', 'prince', 'princess', 'king', 'queen', 'president', 'chancellor', 'minister']);

/** What the corpus's own text says about words. */
export interface CorpusWords {
  /** Written lowercase more often than capitalised: "However", "Both", "Chancellor". */
  isCommon(word: string): boolean;
  /** An acronym the corpus also writes in the plural ("PCs", "MPs"): a common noun, not a name. */
  isCountable(acronym: string): boolean;
  /** A capitalised word the corpus follows with a thing's words ("Linux software"), not an organisation's. */
  namesAThing?(word: string): boolean;
}

export const NO_CORPUS_WORDS: CorpusWords = { isCommon: () => false, isCountable: () => false };

interface Votes {
  text: string;
  counts: Record<EntityType, number>;
}

const EVENT_HEADS = new Set([
  'cup',
  'open',
  'championship',
  'championships',
  'games',
  'olympics',
  'show',
  'festival',
  'awards',
  'prix',
  'trophy',
  'tournament',
  'marathon',
  'expo',
]);
const EVENT_NAMES = /\b(?:(?:six|tri|four|five|home) nations|(?:champions|europa) league)$/i;
const PLACE_HEADS = new Set(
  'street road avenue lane square park palace house hall castle bridge centre center stadium arena airport station hospital university college school church cathedral abbey island islands river bay gate tower towers gardens'.split(
    ' ',
  ),
);

/** "Champions League", "Six Nations", "Consumer Electronics Show", and such a head word alone ("Championships"). */
export function isEventName(text: string): boolean {
  const words = nameWords(text);
  return words.length > 0 && (EVENT_HEADS.has(fold(words[words.length - 1])) || EVENT_NAMES.test(text));
}

/** "Downing Street", "Ewood Park", and such a head word alone ("Street"). */
function isPlaceName(text: string): boolean {
  const words = nameWords(text);
  return words.length > 0 && PLACE_HEADS.has(fold(words[words.length - 1]));
}

export function totalVotes(counts: Record<EntityType, number>): number {
  return counts.PER + counts.ORG + counts.LOC + counts.MISC;
}

/** Moves a spelling's votes of some types to another type ("Mr Ebbers" tagged ORG is a person). */
export function moveVotes(counts: Record<EntityType, number>, from: EntityType[], to: EntityType): void {
  for (const type of from) {
    counts[to] += counts[type];
    counts[type] = 0;
  }
}

/** Moves votes of some types to "other names": the spelling is kept (an alias still matches) but is no entity of those types. */
function demote(spelling: Votes, types: EntityType[]): void {
  moveVotes(spelling.counts, types, 'MISC');
}

/** A person's votes where the name is not a person: they go to organisation when the word leads an organisation's name ("Sony" of "Sony Ericsson"). */
function notAPerson(spelling: Votes, leadsOrganisation: boolean): void {
  if (leadsOrganisation) spelling.counts.ORG += spelling.counts.PER;
  else if (totalVotes(spelling.counts) === spelling.counts.PER) spelling.counts.MISC += spelling.counts.PER;
  spelling.counts.PER = 0;
}

const isPersonLike = (s: Votes) => s.counts.PER > 0 && s.counts.PER >= Math.max(s.counts.ORG, s.counts.LOC, s.counts.MISC);

/** The share of its articles in which a lone word must be introduced (first name or title beside it) to count as a person… */
const INTRODUCED_SHARE = 0.2;
/** The share of its articles in which a lone word "organisation" stands beside a person's full name ending in it, to be that person. */
const SURNAME_SHARE = 0.6;
/** …judged only from this many articles on: fewer say too little. */
const INTRODUCED_MIN_ARTICLES = 3;

export function correctKinds(spellings: Map<string, Votes>, inArticles: readonly ReadonlySet<string>[], words: CorpusWords): void {
  for (const spelling of spellings.values()) {
    const written = nameWords(spelling.text);
    if (written.length === 1 && TITLES_ALONE.has(fold(written[0]))) demote(spelling, ['PER', 'ORG']);
    else if (written.length >= 2 && HONORIFICS.has(fold(written[0]))) {
      moveVotes(spelling.counts, ['ORG'], 'PER'); // "Mr Ebbers" is a person, whatever one tag said
    } else if (isEventName(spelling.text)) demote(spelling, ['PER', 'ORG']);
    else if (isPlaceName(spelling.text)) demote(spelling, ['PER']);
    else if (isAcronym(spelling.text) && words.isCountable(spelling.text.replace(/\./g, ''))) demote(spelling, ['PER', 'ORG']);
    else if (/^[A-Z]{2,}s$/.test(spelling.text))
      demote(spelling, ['PER', 'ORG']); // "PCs", "MPs": the plural is a common noun
    // "Linux software", "BitTorrent networks", "Digital Rights Management technology": a product or a technology.
    else if (namesAThing(written, words)) demote(spelling, ['ORG']);
  }
  // "Nortel Networks and Motorola" taken as one: two organisations the corpus also names apart.
  const isOrganisation = (text: string) => {
    const side = spellings.get(text);
    return side !== undefined && side.counts.ORG > side.counts.PER;
  };
  for (const spelling of spellings.values()) {
    const sides = /^(.+?) and (.+)$/.exec(spelling.text);
    if (sides && isOrganisation(sides[1]) && isOrganisation(sides[2])) demote(spelling, ['PER', 'ORG']);
  }
  // Journalists introduce a person with a first name or a title in each story; a lone word seldom so introduced is something else.
  const introducing = new Map<string, string[]>();
  const organisationLeads = new Map<string, Set<string>>();
  const givenNames = new Map<string, number>();
  for (const spelling of spellings.values()) {
    const written = nameWords(spelling.text);
    if (isPersonLike(spelling)) {
      const titled = written.length >= 2 && HONORIFICS.has(fold(written[0])) ? [personShortKey(spelling.text) ?? ''] : [];
      const keys = [...personFullKeys(spelling.text), ...titled].filter(Boolean);
      if (keys.length > 0) introducing.set(spelling.text, keys);
      if (written.length >= 2) givenNames.set(fold(written[0]), (givenNames.get(fold(written[0])) ?? 0) + 1);
    }
    if (spelling.counts.ORG > 0 && written.length >= 2 && !NAME_PARTICLES.has(fold(written[1]))) {
      organisationLeads.set(fold(written[0]), (organisationLeads.get(fold(written[0])) ?? new Set()).add(spelling.text));
    }
  }
  const leadsOrganisation = (text: string) => [...(organisationLeads.get(fold(nameWords(text)[0])) ?? [])].some((o) => o !== text);
  // "Deutsche Boerse": a first word no other person has, that starts other organisations' names (Deutsche Bank).
  for (const spelling of spellings.values()) {
    const first = fold(nameWords(spelling.text)[0] ?? '');
    if (isPersonLike(spelling) && nameWords(spelling.text).length >= 2 && givenNames.get(first) === 1 && leadsOrganisation(spelling.text))
      notAPerson(spelling, true);
  }
  const seen = new Map<string, { articles: number; introduced: number }>();
  for (const here of inArticles) {
    const introduced = new Set([...here].flatMap((text) => introducing.get(text) ?? []));
    for (const text of here) {
      const spelling = spellings.get(text);
      if (!spelling || /\s/.test(text.trim()) || isAcronym(text) || totalVotes(spelling.counts) === 0) continue; // one word, hyphens and all ("Kilroy-Silk")
      const count = seen.get(text) ?? { articles: 0, introduced: 0 };
      seen.set(text, { articles: count.articles + 1, introduced: count.introduced + (introduced.has(personShortKey(text) ?? '') ? 1 : 0) });
    }
  }
  for (const [text, count] of seen) {
    const spelling = spellings.get(text);
    if (!spelling || count.articles < INTRODUCED_MIN_ARTICLES) continue;
    if (isPersonLike(spelling) && count.introduced < count.articles * INTRODUCED_SHARE) notAPerson(spelling, leadsOrganisation(text));
    // "Nadal", "Kilroy-Silk" taken for an organisation in stories that name the person in full.
    else if (!isPersonLike(spelling) && spelling.counts.ORG > 0 && count.introduced >= count.articles * SURNAME_SHARE)
      moveVotes(spelling.counts, ['ORG'], 'PER');
  }
}
