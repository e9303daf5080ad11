/**
 * Web captures are not newswire. Rules on top of the tagger's spans, applied per sentence in order:
 * boilerplate lines, punctuation at span ends, name particles, coordinated names, organization
 * heads and news agencies, titles and roles split off people, works and products (works.ts), and
 * headline lines.
 */
import { isBoilerplateLine, isCutMarker } from '../ingest/boilerplate';
import { isHeadline } from './features';
import { markWorks } from './works';
import { unifyDocumentTypes } from './documentTypes';
import type { EntityType, TokenSpan } from './tags';
import type { Token } from './tokenizer';
import { CONNECTORS, KNOWN_ORGS, ORG_FIRST_WORDS, ORG_LAST_WORDS, PARTICLES, PLACE_LAST_WORDS, ROLE_WORDS } from './ruleWords';

export interface RuleSpan extends TokenSpan {
  role?: string;
}

export interface RuledEntity {
  type: EntityType;
  start: number;
  end: number;
  text: string;
  role?: string;
}

const isCapitalised = (word: string): boolean => /^[\p{Lu}\d]/u.test(word);
const isWordLike = (word: string): boolean => /[\p{L}\d]/u.test(word);
/** "chief", "Lieutenant-Colonel", "Dr.": a title word, or title words joined by hyphens. */
const isRoleWord = (word: string): boolean =>
  word
    .replace(/\.$/, '')
    .split('-')
    .every((part) => ROLE_WORDS.has(part.toLowerCase()));

/** What the training data and the name lists know of a name. */
export interface KnownNames {
  /** The one type the training data ever gave these words, if it gave just one: "Syrian" MISC, "Assad" PER. */
  onlyType(words: string[]): EntityType | undefined;
  /** A word the first-name lists know: "Christian" of "Christian Cullen" is not the religion. */
  isGivenName(word: string): boolean;
}

/** A name the training data only ever labelled MISC: "Syrian", "American League". */
type OnlyMisc = (words: string[]) => boolean;
type IsGivenName = KnownNames['isGivenName'];

/** Applies the rules to the tagger's spans. */
export function applyCaptureRules(text: string, sentences: Token[][], spans: TokenSpan[][], known: KnownNames): RuledEntity[] {
  const onlyMisc: OnlyMisc = (words) => known.onlyType(words) === 'MISC';
  const isGivenName: IsGivenName = (word) => known.isGivenName(word);
  const lines = lineFacts(text, sentences);
  const headline = lines.map((line) => line?.headline ?? false);
  const perSentence = sentences.map((tokens, s) => {
    if (tokens.length === 0 || lines[s]?.boilerplate) return [];
    const words = tokens.map((t) => t.text);
    let result: RuleSpan[] = spans[s].map((span) => ({ ...span }));
    result = result.map((span) => trimPunctuation(span, words)).filter((span): span is RuleSpan => span !== undefined);
    result = joinParticles(result, words, onlyMisc);
    result = result.flatMap((span) => splitCoordinated(span, words));
    result = result.flatMap((span) => splitRoles(span, words, onlyMisc, isGivenName));
    result = joinOrganisationHeads(result, words);
    result = result.map((span) => extendToOrganisationHead(span, words, result));
    result.forEach((span) => retype(span, words, known));
    const tagged = new Array<boolean>(words.length).fill(false);
    for (const span of spans[s]) tagged.fill(true, span.start, span.end);
    result.forEach((span) => attachRole(span, words, tokens, text, tagged));
    return result;
  });
  const sentenceWords = sentences.map((tokens) => tokens.map((t) => t.text));
  markWorks(perSentence, sentenceWords);
  unifyDocumentTypes(perSentence, sentenceWords, headline, (words) => known.onlyType(words) === 'LOC');
  const bodyNames = new Set<string>();
  perSentence.forEach((result, s) => {
    if (headline[s]) return;
    for (const span of result) bodyNames.add(spanText(span, sentences[s], text).toLowerCase());
  });
  const hasBody = headline.some((h, s) => !h && sentences[s].length > 0);
  const entities: RuledEntity[] = [];
  perSentence.forEach((result, s) => {
    for (const span of result) {
      const name = spanText(span, sentences[s], text);
      // A title-case headline line (a related-story title) names things only as the body does.
      if (headline[s] && hasBody && !bodyNames.has(name.toLowerCase())) continue;
      const start = sentences[s][span.start].start;
      entities.push({ type: span.type, start, end: sentences[s][span.end - 1].end, text: name, ...(span.role ? { role: span.role } : {}) });
    }
  });
  return entities;
}

interface LineFacts {
  headline: boolean;
  boilerplate: boolean;
}

/** For each sentence, facts about the line it stands on (computed once per line). */
function lineFacts(text: string, sentences: Token[][]): (LineFacts | undefined)[] {
  const byLineStart = new Map<number, LineFacts>();
  return sentences.map((tokens) => {
    if (tokens.length === 0) return undefined;
    const start = text.lastIndexOf('\n', tokens[0].start - 1) + 1;
    let facts = byLineStart.get(start);
    if (!facts) {
      const end = text.indexOf('\n', start);
      const line = text.slice(start, end < 0 ? text.length : end);
      const cells = line.split(/\s+/);
      const words = cells.filter((w) => /\p{L}/u.test(w));
      // A byline ("Hazem Sabbagh") is a name, not another story's title.
      const otherHeadline = words.length >= 4 && isHeadline(words) && !isOwnLine(line, cells);
      facts = { headline: otherHeadline, boilerplate: isBoilerplateLine(line) || isCutMarker(line) };
      byLineStart.set(start, facts);
    }
    return facts;
  });
}

/**
 * Title-case lines that are not another story's title: a table row or a result (it has figures),
 * fixtures ("Postponed: Walsall v Wrexham"), a list of names (ending a sentence, or with commas
 * between three or more), a wire headline in capitals (the story's own). The line may be several
 * of the file's lines that wrapped.
 */
function isOwnLine(line: string, cells: string[]): boolean {
  return (
    cells.some((cell) => /^[(+-]?[\d.,:/-]*\d/.test(cell)) ||
    /\.$/.test(line.trim()) ||
    line === line.toUpperCase() ||
    MATCH_SIDES.test(line) ||
    (line.match(/, \p{Lu}/gu)?.length ?? 0) >= 2
  );
}
/** Two sides of a match: "Walsall v Wrexham", "Chelsea vs. Arsenal". */
const MATCH_SIDES = /\p{Lu}[\p{L}.'&-]* (?:v|vs\.?) \p{Lu}/u;

const spanText = (span: TokenSpan, tokens: Token[], text: string): string => text.slice(tokens[span.start].start, tokens[span.end - 1].end);

/** Punctuation at a span's ends goes, but a closing bracket whose opening one is inside stays: "Mladost (L)". */
function trimPunctuation(span: RuleSpan, words: string[]): RuleSpan | undefined {
  let { start, end } = span;
  while (start < end && !isWordLike(words[start])) start++;
  while (end > start && !isWordLike(words[end - 1]) && !(words[end - 1] === ')' && words.slice(start, end - 1).includes('('))) end--;
  return start < end ? { ...span, start, end } : undefined;
}

/** "Staffan" + "de" + "Mistura", "Jabhat Fatah" + "al-Sham": one name. */
function joinParticles(spans: RuleSpan[], words: string[], onlyMisc: OnlyMisc): RuleSpan[] {
  const out: RuleSpan[] = [];
  for (const span of spans) {
    const previous = out[out.length - 1];
    const gap = previous ? span.start - previous.end : -1;
    const particleBetween = gap === 1 && PARTICLES.has(words[previous.end]);
    const arabicArticle = gap === 0 && /^(al|el|Al|El)-/.test(words[span.start]);
    // "Marsh & McLennan"; "British and Irish Lions" (two nationalities, then the organisation).
    const ampersand = gap === 1 && words[previous.end] === '&' && (previous.type === 'ORG' || previous.type === 'PER');
    const nationalities =
      gap === 1 && words[previous.end] === 'and' && span.type === 'ORG' && onlyMisc(words.slice(previous.start, previous.end)) && onlyMisc([words[span.start]]);
    if (previous && (ampersand || nationalities)) {
      previous.end = span.end;
      previous.type = 'ORG';
      continue;
    }
    if (previous && (particleBetween || arabicArticle)) {
      previous.end = span.end;
      if (span.type === 'PER' && previous.type !== 'ORG') previous.type = 'PER';
      continue;
    }
    out.push(span);
  }
  // A particle and a capitalised word right after a person: "Staffan de Mistura" tagged as "Staffan"; "&" and a name after an organisation.
  const starts = new Set(out.map((span) => span.start));
  for (const span of out) {
    const particle = span.type === 'PER' && PARTICLES.has(words[span.end] ?? '');
    const ampersand = (span.type === 'ORG' || span.type === 'PER') && words[span.end] === '&';
    if ((particle || ampersand) && isCapitalised(words[span.end + 1] ?? '') && !starts.has(span.end + 1)) {
      span.end += 2;
      if (ampersand) span.type = 'ORG'; // "Marsh & McLennan", "Marks & Spencer"
    }
  }
  return out;
}

/** "Kerry and Lavrov" tagged as one person: two people ("Marsh & McLennan": one firm). */
function splitCoordinated(span: RuleSpan, words: string[]): RuleSpan[] {
  if (span.type !== 'PER') return [span];
  // "Marsh & McLennan", "Marks & Spencer": an ampersand joins the names of a firm.
  if (words.slice(span.start, span.end).includes('&')) return [{ ...span, type: 'ORG' }];
  const parts: RuleSpan[] = [];
  let start = span.start;
  for (let i = span.start; i <= span.end; i++) {
    if (i < span.end && words[i] !== 'and' && words[i] !== ',') continue;
    if (i > start) parts.push({ ...span, start, end: i });
    start = i + 1;
  }
  return parts;
}

/**
 * "UN Special Envoy" alone is a role, not an organization; "Syrian President Bashar Assad" as one
 * person is a role and a name; "Envoy for Syria Staffan de Mistura" as one span is a place and a person.
 */
function splitRoles(span: RuleSpan, words: string[], onlyMisc: OnlyMisc, isGivenName: IsGivenName): RuleSpan[] {
  if (span.type !== 'PER' && isRoleWord(words[span.end - 1])) return [];
  let lastRole = -1;
  for (let i = span.start; i < span.end - 1; i++) if (isRoleWord(words[i])) lastRole = i;
  if (lastRole >= 0 && span.type === 'PER') return [{ ...span, start: lastRole + 1 }];
  if (lastRole > span.start && span.type === 'ORG') {
    const person = personAfterRole(span, words, lastRole);
    if (person) return person;
  }
  const afterRole = span.start >= 2 && CONNECTORS.has(words[span.start - 1]) && isRoleWord(words[span.start - 2]);
  if (afterRole && span.end - span.start >= 3 && span.type !== 'PER') {
    return [
      { type: 'LOC', start: span.start, end: span.start + 1 },
      { type: 'PER', start: span.start + 1, end: span.end },
    ];
  }
  // "Syrian Bashar Assad": the nationality goes; "Christian Cullen" keeps his first name.
  const first = words[span.start];
  if (span.type === 'PER' && span.end - span.start >= 2 && onlyMisc([first]) && !isGivenName(first)) return [{ ...span, start: span.start + 1 }];
  return [span];
}

/**
 * An organization's title and a person taken together for an organization: "UN Special Envoy for
 * Syria Staffan de Mistura" is a place and a person, "Federal Reserve Chairman Alan Greenspan" a
 * person (the title becomes the role). "General Motors Corp" starts with its title word and stays.
 */
function personAfterRole(span: RuleSpan, words: string[], lastRole: number): RuleSpan[] | undefined {
  const rest = words.slice(lastRole + 1, span.end);
  if (!rest.every((word) => isCapitalised(word) || PARTICLES.has(word) || CONNECTORS.has(word)) || ORG_LAST_WORDS.has(rest[rest.length - 1])) return undefined;
  if (CONNECTORS.has(rest[0]) && rest.length >= 4) {
    return [
      { type: 'LOC', start: lastRole + 2, end: lastRole + 3 },
      { type: 'PER', start: lastRole + 3, end: span.end },
    ];
  }
  return rest.length >= 2 && !rest.some((word) => CONNECTORS.has(word)) ? [{ type: 'PER', start: lastRole + 1, end: span.end }] : undefined;
}

/** "Syrian Arab" + "Army" tagged apart: an organisation's head word alone, right after a nationality or place, joins it. */
function joinOrganisationHeads(spans: RuleSpan[], words: string[]): RuleSpan[] {
  const out: RuleSpan[] = [];
  for (const span of spans) {
    const previous = out[out.length - 1];
    const isHead = span.type === 'ORG' && span.end === span.start + 1 && ORG_LAST_WORDS.has(words[span.start]);
    if (previous && isHead && previous.end === span.start && (previous.type === 'MISC' || previous.type === 'LOC')) {
      out[out.length - 1] = { ...previous, type: 'ORG', end: span.end };
      continue;
    }
    out.push(span);
  }
  return out;
}

/** "Syrian Arab" + "Army", "Russian" + "Aerospace Forces": a nationality or place before untagged capitalised words ending in an organisation's head word is that organisation. */
function extendToOrganisationHead(span: RuleSpan, words: string[], spans: RuleSpan[]): RuleSpan {
  if (span.type !== 'MISC' && span.type !== 'LOC') return span;
  const taken = (i: number) => spans.some((other) => other !== span && other.start <= i && i < other.end);
  for (let end = span.end; end < words.length && end - span.end < 3 && isCapitalised(words[end]) && !taken(end); end++) {
    if (ORG_LAST_WORDS.has(words[end])) return { ...span, type: 'ORG', end: end + 1 };
  }
  return span;
}

/**
 * A known organization, or a person or other name named like one ("Nusra Front", "Syrian Arab
 * Army"); a place ("West Bank", "Hama Province") keeps or takes its type; one word the training
 * data only ever called a person or a place is not an organization ("Assad"), nor one it only called
 * an organization a person ("Rotor").
 */
function retype(span: RuleSpan, words: string[], known: KnownNames): void {
  const onlyMisc: OnlyMisc = (w) => known.onlyType(w) === 'MISC';
  const name = words.slice(span.start, span.end).join(' ').toLowerCase();
  const single = span.end - span.start === 1;
  if (KNOWN_ORGS.has(name)) span.type = 'ORG';
  else if (span.type === 'ORG' && span.end - span.start >= 2 && PLACE_LAST_WORDS.has(words[span.end - 1])) span.type = 'LOC';
  else if (span.type === 'ORG' && single && known.onlyType(words.slice(span.start, span.end)) === 'PER') span.type = 'PER';
  // A city the training data never called a club or a firm.
  else if (span.type === 'ORG' && single && known.onlyType(words.slice(span.start, span.end)) === 'LOC') span.type = 'LOC';
  else if (span.type === 'PER' && single && known.onlyType(words.slice(span.start, span.end)) === 'ORG') span.type = 'ORG';
  // "Muslim" taken for an organisation: the training data only ever called it MISC.
  else if ((span.type === 'PER' || span.type === 'ORG') && single && onlyMisc(words.slice(span.start, span.end))) span.type = 'MISC';
  else if ((span.type === 'PER' || span.type === 'MISC') && span.end - span.start >= 2 && namedLikeOrganisation(words.slice(span.start, span.end))) {
    // A competition the training data knows ("American League") stays MISC; an army, a council or a "Jabhat …" does not.
    if (span.type === 'PER' || !onlyMisc(words.slice(span.start, span.end))) span.type = 'ORG';
  }
}

const namedLikeOrganisation = (words: string[]): boolean => ORG_FIRST_WORDS.has(words[0].toLowerCase()) || ORG_LAST_WORDS.has(words[words.length - 1]);

/**
 * The title before a person: "U.S. Secretary of State John Kerry" → role "U.S. Secretary of State".
 * A role is made of role words, connectors and capitalised words, and starts with a title or a name.
 */
function attachRole(span: RuleSpan, words: string[], tokens: Token[], text: string, tagged: boolean[]): void {
  if (span.type !== 'PER') return;
  // "Observatory head Rami Abdul Rahman" tagged as "Abdul Rahman": the first name sits between the title and the span.
  const before = span.start - 1;
  if (before >= 1 && isCapitalised(words[before]) && !tagged[before] && !isRoleWord(words[before]) && isRoleWord(words[before - 1])) span.start = before;
  let first = span.start;
  let sawRole = false;
  for (let i = span.start - 1; i >= 0; i--) {
    const word = words[i];
    if (isRoleWord(word)) sawRole = true;
    else if (!tagged[i] && !CONNECTORS.has(word) && !isCapitalised(word)) break;
    first = i;
  }
  // Leading words that are neither titles nor names ("According to") are not part of the role.
  while (first < span.start && !isRoleWord(words[first]) && !tagged[first]) first++;
  if (sawRole && first < span.start) span.role = text.slice(tokens[first].start, tokens[span.start - 1].end);
}
