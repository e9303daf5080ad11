/**
 * Watchlists: `.corpus-lens/watchlist.json` (JSON with comments) names people and organizations
 * and search queries to follow — `{ "names": ["Lavrov"], "queries": ["\"secret talks\" -denied"] }`.
 * Parsing names the line of a mistake; each entry's matching articles are counted, and what is new
 * since the last look is told apart.
 */
import { findNodeAtLocation, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { parseQuery } from '../search/query';

export const WATCHLIST_FILE = '.corpus-lens/watchlist.json';

export interface WatchEntry {
  kind: 'name' | 'query';
  text: string;
  /** 1-based line of the entry in the file. */
  line: number;
}

export type WatchlistParse = { ok: true; entries: WatchEntry[] } | { ok: false; line: number; message: string };

const lineAt = (text: string, offset: number) => text.slice(0, offset).split('\n').length;

export function parseWatchlist(text: string): WatchlistParse {
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { allowTrailingComma: true });
  if (errors.length) return { ok: false, line: lineAt(text, errors[0].offset), message: `not valid JSON (${printParseErrorCode(errors[0].error)})` };
  if (!tree || tree.type !== 'object') return { ok: false, line: 1, message: 'the watchlist must be an object: { "names": [...], "queries": [...] }' };
  for (const property of tree.children ?? []) {
    const key = property.children?.[0];
    if (key && key.value !== 'names' && key.value !== 'queries')
      return { ok: false, line: lineAt(text, key.offset), message: `unknown key "${String(key.value)}" (expected names, queries)` };
  }
  const entries: WatchEntry[] = [];
  for (const kind of ['names', 'queries'] as const) {
    const list = findNodeAtLocation(tree, [kind]);
    if (!list) continue;
    if (list.type !== 'array') return { ok: false, line: lineAt(text, list.offset), message: `"${kind}" must be a list of strings` };
    for (const item of list.children ?? []) {
      const problem = entryProblem(kind, item);
      if (problem) return { ok: false, line: lineAt(text, item.offset), message: problem };
      entries.push({ kind: kind === 'names' ? 'name' : 'query', text: (item.value as string).trim(), line: lineAt(text, item.offset) });
    }
  }
  return { ok: true, entries };
}

function entryProblem(kind: 'names' | 'queries', item: Node): string | undefined {
  if (item.type !== 'string' || !(item.value as string).trim()) return `each of "${kind}" must be a non-empty string`;
  if (kind === 'queries') {
    const parsed = parseQuery(item.value as string);
    if (!parsed.ok) return `the query ${JSON.stringify(item.value)}: ${parsed.error}`;
  }
  return undefined;
}

/** What an entry matches now. */
export interface WatchResult {
  entry: WatchEntry;
  /** The matching articles' paths; empty with `error` when the entry cannot be answered. */
  paths: string[];
  error?: string;
}

/** Per entry (by kind and text), the paths it matched that the previous look had not seen. */
export function newMatches(previous: ReadonlyMap<string, ReadonlySet<string>>, current: readonly WatchResult[]): Map<string, string[]> {
  const fresh = new Map<string, string[]>();
  for (const result of current) {
    const seen = previous.get(entryKey(result.entry));
    if (!seen) continue;
    const added = result.paths.filter((p) => !seen.has(p));
    if (added.length) fresh.set(entryKey(result.entry), added);
  }
  return fresh;
}

export function entryKey(entry: Pick<WatchEntry, 'kind' | 'text'>): string {
  return `${entry.kind}:${entry.text}`;
}
