/**
 * The search query language, parsed into a small tree:
 *   words (AND by default), "exact phrases", a OR b, -exclude, -"excluded phrase",
 *   source:sputnik, source:"al jazeera", date:2016, date:2016-06, date:2016-01..2016-08, date:2016-06-04,
 *   person:lavrov, person:"John Kerry", org:"Nusra Front" (articles that mention that entity, by any alias),
 *   said:lavrov (articles that quote that person or organization directly).
 * A malformed query yields a message, never an exception.
 */

/** A term is matched as a prefix while typing when it is the last one, unless quoted (`exact`). */
export type Clause = { kind: 'term'; text: string; exact?: boolean } | { kind: 'phrase'; words: string[]; text: string } | { kind: 'or'; options: Clause[] };

import { parseDateRange, type DateRange } from '../articleDate';

export { dateInRange, type DateRange } from '../articleDate';

export interface ParsedQuery {
  clauses: Clause[];
  excluded: Clause[];
  sources: string[];
  dates: DateRange[];
  /** Entity filters, resolved by the engine against the entity index. */
  entities: { kind: 'person' | 'organization' | 'said'; name: string }[];
}

export type ParseResult = { ok: true; query: ParsedQuery } | { ok: false; error: string };

interface Token {
  text: string;
  quoted: boolean;
  negated: boolean;
  field?: string;
}

const FIELDS = new Set(['source', 'date', 'person', 'org', 'said']);
const FIELD_EXAMPLES: Record<string, string> = {
  date: 'date:2016-06',
  source: 'source:sputnik',
  person: 'person:lavrov',
  org: 'org:"Nusra Front"',
  said: 'said:lavrov',
};

export function words(text: string): string[] {
  // The same split as minisearch's tokenizer: letters and digits, everything else separates.
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

function tokenize(input: string): Token[] | string {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    if (/\s/.test(input[i])) {
      i++;
      continue;
    }
    const negated = input[i] === '-' && i + 1 < input.length && !/\s/.test(input[i + 1]);
    if (negated) i++;
    let field: string | undefined;
    const fieldMatch = /^([a-z]+):/i.exec(input.slice(i));
    if (fieldMatch && FIELDS.has(fieldMatch[1].toLowerCase())) {
      field = fieldMatch[1].toLowerCase();
      i += fieldMatch[0].length;
    }
    if (input[i] === '"' || input[i] === '“') {
      const close = input.slice(i + 1).search(/["”]/);
      if (close < 0) return `Unbalanced quote: add a closing " after ${JSON.stringify(input.slice(i, i + 30))}`;
      tokens.push({ text: input.slice(i + 1, i + 1 + close), quoted: true, negated, field });
      i += close + 2;
      continue;
    }
    const end = input.slice(i).search(/\s/);
    const text = end < 0 ? input.slice(i) : input.slice(i, i + end);
    if (field && text === '') return `"${field}:" needs a value, e.g. ${FIELD_EXAMPLES[field]}`;
    tokens.push({ text, quoted: false, negated, field });
    i += text.length;
  }
  return tokens;
}

function clauseOf(token: Token): Clause | null {
  const list = words(token.text);
  if (list.length === 0) return null;
  if (token.quoted && list.length > 1) return { kind: 'phrase', words: list, text: token.text };
  if (list.length > 1) return { kind: 'phrase', words: list, text: token.text }; // "al-Nusra" must stay together
  return token.quoted ? { kind: 'term', text: list[0], exact: true } : { kind: 'term', text: list[0] };
}

export function parseQuery(input: string): ParseResult {
  const tokens = tokenize(input);
  if (typeof tokens === 'string') return { ok: false, error: tokens };
  const query: ParsedQuery = { clauses: [], excluded: [], sources: [], dates: [], entities: [] };
  let pendingOr = false;
  for (let t = 0; t < tokens.length; t++) {
    const token = tokens[t];
    if (!token.quoted && !token.field && !token.negated && token.text === 'OR') {
      if (query.clauses.length === 0 || t === tokens.length - 1) return { ok: false, error: 'OR needs a word on each side, e.g. Kerry OR Lavrov' };
      pendingOr = true;
      continue;
    }
    if (token.field === 'source') {
      query.sources.push(token.text.toLowerCase());
      continue;
    }
    if (token.field === 'person' || token.field === 'org' || token.field === 'said') {
      query.entities.push({ kind: token.field === 'person' ? 'person' : token.field === 'org' ? 'organization' : 'said', name: token.text });
      continue;
    }
    if (token.field === 'date') {
      const range = parseDateRange(token.text);
      if (typeof range === 'string') return { ok: false, error: range };
      query.dates.push(range);
      continue;
    }
    const clause = clauseOf(token);
    if (!clause) continue;
    if (token.negated) query.excluded.push(clause);
    else if (pendingOr) {
      const previous = query.clauses.pop() as Clause;
      query.clauses.push({ kind: 'or', options: [...(previous.kind === 'or' ? previous.options : [previous]), clause] });
    } else query.clauses.push(clause);
    pendingOr = false;
  }
  return { ok: true, query };
}

/** Whether an article date (YYYY-MM-DD or --MM-DD) falls in a range of date prefixes. */
export function isEmptyQuery(query: ParsedQuery): boolean {
  return query.clauses.length === 0 && query.sources.length === 0 && query.dates.length === 0 && query.entities.length === 0;
}
