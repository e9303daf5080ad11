/** YAML front matter in Markdown captures: `title`, `source` and `date` override every guess; `author` and `lang` are told as they are. */
import * as yaml from 'js-yaml';
import { normaliseDateValue } from './date';
import { statedLanguage } from './language';
import type { ArticleDate } from '../types';

export interface FrontMatter {
  body: string;
  /** 0-based line of the body's first line in the original file. */
  bodyLine: number;
  overrides: { title?: string; source?: string | null; date?: ArticleDate | null; lang?: string };
  /** Who wrote it (`author`, `authors`, `creator`: a name or a list of names). */
  author?: string;
}

const FENCE = /^---\s*$/;

export function parseFrontMatter(text: string): FrontMatter {
  const lines = text.split('\n');
  if (!FENCE.test(lines[0] ?? '')) return { body: text, bodyLine: 0, overrides: {} };
  const end = lines.findIndex((line, i) => i > 0 && /^(---|\.\.\.)\s*$/.test(line));
  if (end < 0) return { body: text, bodyLine: 0, overrides: {} };
  let data: unknown;
  try {
    data = yaml.load(lines.slice(1, end).join('\n'));
  } catch {
    // Broken front matter is treated as text: the article still loads, with guessed metadata.
    return { body: text, bodyLine: 0, overrides: {} };
  }
  return { body: lines.slice(end + 1).join('\n'), bodyLine: end + 1, overrides: overridesFrom(data), author: authorFrom(data) };
}

function authorFrom(data: unknown): string | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const record = data as Record<string, unknown>;
  for (const key of ['author', 'authors', 'creator']) {
    const value = record[key];
    const names = (Array.isArray(value) ? value : [value]).filter((name): name is string => typeof name === 'string' && name.trim() !== '');
    if (names.length > 0) return names.map((name) => name.trim()).join(', ');
  }
  return undefined;
}

function overridesFrom(data: unknown): FrontMatter['overrides'] {
  if (typeof data !== 'object' || data === null) return {};
  const record = data as Record<string, unknown>;
  const overrides: FrontMatter['overrides'] = {};
  if (typeof record.title === 'string' && record.title.trim()) overrides.title = record.title.trim();
  const lang = statedLanguage(typeof record.lang === 'string' ? record.lang : typeof record.language === 'string' ? record.language : null);
  if (lang) overrides.lang = lang;
  const source = clipSource(record);
  if (source) overrides.source = source;
  // Web clippers (Obsidian, MarkDownload) write `published`; `created` is when the page was clipped, the weakest.
  for (const key of ['published', 'date', 'created']) {
    const date = record[key] === undefined ? null : normaliseDateValue(record[key]);
    if (date) {
      overrides.date = date;
      break;
    }
  }
  return overrides;
}

/** `source` (a name, or the clipped page's address), `site`, or the host of `url`: "https://www.bbc.co.uk/news/…" → bbc.co.uk. */
function clipSource(record: Record<string, unknown>): string | undefined {
  for (const key of ['source', 'site', 'sitename', 'url']) {
    const value = record[key];
    if (typeof value !== 'string' || !value.trim()) continue;
    const host = /^https?:\/\/(?:www\.)?([^/:\s]+)/i.exec(value.trim())?.[1];
    return host ? host.toLowerCase() : value.trim();
  }
  return undefined;
}
