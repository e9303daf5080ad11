/**
 * The user's corrections to entity resolution, from `.corpus-lens/entities.json`:
 *
 *   { "merge":  [["Daesh", "ISIS", "IS", "Islamic State"]],
 *     "split":  ["Assad"],
 *     "rename": { "Sergey Lavrov": "Sergei Lavrov" },
 *     "retype": { "Hezbollah": "organization" },
 *     "hide":   ["Reuters"] }
 *
 * Names match any alias, ignoring case and accents. Comments and trailing commas are allowed (JSONC,
 * through jsonc-parser); a malformed file is reported with its line.
 */
import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { fold } from './names';
import type { EntityKind } from './resolve';

/** Where the corrections live, relative to the workspace folder (or the CLI's current folder). */
export const ENTITIES_FILE = '.corpus-lens/entities.json';

export interface EntityOverrides {
  /** Groups of names that are one entity. */
  merge: string[][];
  /** Folded names that stay their own entity: no automatic merging (surname, acronym, spelling). */
  keepApart: Set<string>;
  /** Folded alias → display name. */
  rename: Map<string, string>;
  retype: Map<string, EntityKind>;
  hide: Set<string>;
}

export const NO_OVERRIDES: EntityOverrides = { merge: [], keepApart: new Set(), rename: new Map(), retype: new Map(), hide: new Set() };

export type OverridesParse = { ok: true; overrides: EntityOverrides } | { ok: false; line: number; message: string };

const KNOWN_KEYS = ['merge', 'split', 'rename', 'retype', 'hide'];
const KINDS: Record<string, EntityKind> = {
  person: 'person',
  people: 'person',
  per: 'person',
  organization: 'organization',
  organisation: 'organization',
  org: 'organization',
};

export function parseOverrides(text: string): OverridesParse {
  const errors: ParseError[] = [];
  const body = text.replace(/^\uFEFF/, '');
  const data: unknown = body.trim() ? parse(body, errors, { allowTrailingComma: true }) : {};
  if (errors.length > 0) {
    return { ok: false, line: lineAt(body, errors[0].offset), message: `${printParseErrorCode(errors[0].error)} (the file is JSON; // comments are allowed)` };
  }
  const fail = (key: string, message: string): OverridesParse => ({ ok: false, line: lineOf(text, `"${key}"`), message });
  if (!isObject(data)) return { ok: false, line: 1, message: 'the file must hold one JSON object, e.g. { "merge": [["Daesh", "ISIS"]] }' };
  const unknown = Object.keys(data).find((k) => !KNOWN_KEYS.includes(k));
  if (unknown) return fail(unknown, `unknown key "${unknown}" (expected ${KNOWN_KEYS.join(', ')})`);
  const { merge = [], split = [], rename = {}, retype = {}, hide = [] } = data as Record<string, unknown>;
  if (!Array.isArray(merge) || !merge.every((g) => Array.isArray(g) && g.length >= 2 && g.every(isName)))
    return fail('merge', '"merge" must be a list of lists of two or more names');
  if (!isNameList(split)) return fail('split', '"split" must be a list of names');
  if (!isNameList(hide)) return fail('hide', '"hide" must be a list of names');
  if (!isObject(rename) || !Object.values(rename).every(isName)) return fail('rename', '"rename" must map names to new names');
  if (!isObject(retype)) return fail('retype', '"retype" must map names to "person" or "organization"');
  const badType = Object.entries(retype).find(([, v]) => typeof v !== 'string' || !KINDS[v.toLowerCase()]);
  if (badType) return fail('retype', `"retype": "${badType[0]}" must be "person" or "organization"`);
  return {
    ok: true,
    overrides: {
      merge: merge as string[][],
      keepApart: new Set((split as string[]).map(fold)),
      rename: new Map(Object.entries(rename as Record<string, string>).map(([k, v]) => [fold(k), v])),
      retype: new Map(Object.entries(retype as Record<string, string>).map(([k, v]) => [fold(k), KINDS[v.toLowerCase()]])),
      hide: new Set((hide as string[]).map(fold)),
    },
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isName(value: unknown): value is string {
  return typeof value === 'string' && value.trim().length > 0;
}

function isNameList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every(isName);
}

function lineAt(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length;
}

function lineOf(text: string, needle: string): number {
  const at = text.indexOf(needle);
  return at < 0 ? 1 : lineAt(text, at);
}
