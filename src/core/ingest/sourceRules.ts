/**
 * What the files can't say, the user can: `.corpus-lens/sources.json` gives folders or glob patterns
 * a source and a default date range.
 *
 *   [ { "files": "corpus/bbc/**", "source": "BBC News", "dates": "2004..2005" } ]
 *
 * `files` is relative to the workspace folder (or absolute); a folder stands for everything under it.
 * The source replaces what the text suggests; the date range is for files that give no date of their
 * own. Front matter and HTML metadata still win. JSONC: comments and trailing commas are allowed.
 */
import { parse, parseTree, printParseErrorCode, type ParseError } from 'jsonc-parser';
import * as path from 'node:path';
import picomatch from 'picomatch';
import { parseDateRange, periodDate } from '../articleDate';
import type { ArticleDate } from '../types';

export const SOURCES_FILE = '.corpus-lens/sources.json';

/** One rule, with `files` made absolute: plain data, so it can be sent to the engine's worker. */
export interface SourceRule {
  files: string;
  source?: string;
  dates?: ArticleDate;
}

export type SourceRulesParse = { ok: true; rules: SourceRule[] } | { ok: false; line: number; message: string };

const KNOWN_KEYS = ['files', 'source', 'dates'];
const EXAMPLE = '[{ "files": "corpus/bbc/**", "source": "BBC News", "dates": "2004..2005" }]';

/** Relative patterns start from the folder that holds .corpus-lens/ (the workspace), or from the file's own folder. */
export function rulesBaseDir(file: string): string {
  const folder = path.dirname(file);
  return path.basename(folder) === path.dirname(SOURCES_FILE) ? path.dirname(folder) : folder;
}

export function parseSourceRules(text: string, baseDir: string): SourceRulesParse {
  const errors: ParseError[] = [];
  const body = text.replace(/^\uFEFF/, '');
  const data: unknown = body.trim() ? parse(body, errors, { allowTrailingComma: true }) : [];
  if (errors.length > 0)
    return { ok: false, line: lineAt(body, errors[0].offset), message: `${printParseErrorCode(errors[0].error)} (the file is JSON; // comments are allowed)` };
  if (!Array.isArray(data)) return { ok: false, line: 1, message: `the file must hold a list of rules, e.g. ${EXAMPLE}` };
  const rules: SourceRule[] = [];
  for (const [i, entry] of data.entries()) {
    const rule = parseRule(entry, baseDir);
    if (typeof rule === 'string') return { ok: false, line: ruleLine(body, i), message: `rule ${i + 1}: ${rule}` };
    rules.push(rule);
  }
  return { ok: true, rules };
}

function parseRule(entry: unknown, baseDir: string): SourceRule | string {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return `each rule is an object, e.g. ${EXAMPLE.slice(1, -1)}`;
  const record = entry as Record<string, unknown>;
  const unknown = Object.keys(record).find((k) => !KNOWN_KEYS.includes(k));
  if (unknown) return `unknown key "${unknown}" (expected ${KNOWN_KEYS.join(', ')})`;
  const { files, source, dates } = record;
  if (typeof files !== 'string' || files.trim() === '') return '"files" must be a folder or a glob pattern, e.g. "corpus/bbc/**"';
  if (source !== undefined && (typeof source !== 'string' || source.trim() === '')) return '"source" must be a name';
  if (dates !== undefined && typeof dates !== 'string') return '"dates" must be a date range such as "2004..2005"';
  if (source === undefined && dates === undefined) return 'a rule needs a "source", "dates" or both';
  const range = dates === undefined ? undefined : parseDateRange(dates.trim());
  if (typeof range === 'string') return range;
  const pattern = path.isAbsolute(files) ? files : path.join(baseDir, files);
  return { files: pattern.split(path.sep).join('/'), ...(source ? { source: source.trim() } : {}), ...(range ? { dates: periodDate(range) } : {}) };
}

const matchers = new Map<string, (file: string) => boolean>();

/** A glob matches its files; a pattern without glob characters is a folder (or one file). */
function matcher(pattern: string): (file: string) => boolean {
  let match = matchers.get(pattern);
  if (!match) {
    const isGlob = picomatch.scan(pattern).isGlob;
    const folder = pattern.replace(/\/+$/, '');
    match = isGlob ? picomatch(pattern, { dot: true }) : (file) => file === folder || file.startsWith(folder + '/');
    matchers.set(pattern, match);
  }
  return match;
}

/** The source and default dates the rules give a file: for each, the first rule that matches and has it. */
export function ruleFor(filePath: string, rules: readonly SourceRule[]): { source?: string; dates?: ArticleDate } {
  const file = filePath.split(path.sep).join('/');
  const found: { source?: string; dates?: ArticleDate } = {};
  for (const rule of rules) {
    if (!matcher(rule.files)(file)) continue;
    if (rule.source !== undefined) found.source ??= rule.source;
    if (rule.dates !== undefined) found.dates ??= rule.dates;
  }
  return found;
}

function lineAt(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length;
}

/** The line where the rule numbered `index` starts, for messages. */
function ruleLine(text: string, index: number): number {
  const offset = parseTree(text, [], { allowTrailingComma: true })?.children?.[index]?.offset;
  return offset === undefined ? 1 : lineAt(text, offset);
}
