/**
 * Who published a capture, read from the text itself: datelines, wire tags and footer credits.
 * Patterns are anchored where a publisher names itself (start of a paragraph, right after
 * the date), so an agency the story only quotes ("the Reuters news agency reported") is not
 * taken for the source.
 */
import type { SourcePatternSetting } from '../types';

export interface SourcePattern {
  /** Why this rule exists, for the README's table and for debugging. */
  description: string;
  pattern: RegExp;
  /** The source name; `$1` stands for the first capture group. */
  source: string;
}

/** An en or em dash, or a hyphen standing alone: "ITAR-TASS" is a name, not a dateline. */
const DASH = '(?:\\s*[–—]|\\s+-\\s)';
/** Up to three capitalised words: "MOSCOW", "Washington", "New York". */
const CITY = "[A-Z][A-Za-z.'’-]+(?: [A-Z][A-Za-z.'’-]+){0,2}";

export const BUILTIN_SOURCE_PATTERNS: SourcePattern[] = [
  {
    description: 'Agency dateline with the agency in brackets: "MOSCOW (Sputnik) –"',
    pattern: new RegExp(`^\\s*${CITY},?\\s*\\(([A-Z][A-Za-z/&. -]{1,30})\\)${DASH}`, 'm'),
    source: '$1',
  },
  {
    description: 'Dateline with the agency after the city: "Moscow, SANA –"',
    pattern: new RegExp(`^\\s*${CITY},\\s*([A-Z][A-Z/&]{1,10})${DASH}`, 'm'),
    source: '$1',
  },
  {
    description: 'Wire tag after the date: "June 4, 2016 (EIRNS)—"',
    pattern: new RegExp(`\\d{4}\\s*\\(([A-Z][A-Z/&]{1,11})\\)${DASH}`),
    source: '$1',
  },
  {
    description: 'Footer credit: "RFE/RL journalists report the news…"',
    pattern: /^\s*(RFE\/RL) journalists report/m,
    source: '$1',
  },
  {
    description: 'Copyright line: "© 2016 Al Jazeera" / "Copyright 2016 Reuters"',
    pattern: /^\s*(?:©|\(c\)|copyright)\s*(?:\d{4}\s+)?([A-Z][A-Za-z/&. ]{1,40}?)\.?\s*(?:all rights reserved\.?)?\s*$/im,
    source: '$1',
  },
];

/** Wire tags and short forms that name a publisher better spelled otherwise. */
const SOURCE_NAMES: Record<string, string> = {
  EIRNS: 'EIR',
  'Sputnik News': 'Sputnik',
};

export function compileSourcePatterns(settings: SourcePatternSetting[]): { patterns: SourcePattern[]; errors: string[] } {
  const patterns: SourcePattern[] = [];
  const errors: string[] = [];
  for (const setting of settings) {
    try {
      const flags = setting.flags ?? 'm';
      patterns.push({ description: `user pattern ${setting.pattern}`, pattern: new RegExp(setting.pattern, flags), source: setting.source ?? '$1' });
    } catch (error) {
      errors.push(`Invalid source pattern ${JSON.stringify(setting.pattern)}: ${(error as Error).message}`);
    }
  }
  return { patterns, errors };
}

/** The first rule that matches, in order: user rules first, so they can override the built-in ones. */
export function detectSource(text: string, patterns: SourcePattern[] = BUILTIN_SOURCE_PATTERNS): string | null {
  for (const rule of patterns) {
    const match = rule.pattern.exec(text);
    if (!match) continue;
    const name = rule.source.replace(/\$(\d)/g, (_, n: string) => match[Number(n)] ?? '').trim();
    if (name) return SOURCE_NAMES[name] ?? name;
  }
  return null;
}
