/**
 * The language an article is written in: what the file says (`<html lang>`, front matter `lang`), else
 * what its text looks like (franc's trigram models). Codes are ISO 639-1 where the language has one
 * ("de"), else ISO 639-3 ("ceb"); both are valid BCP 47 tags.
 */
import { franc } from 'franc-min';
import { iso6393To1 } from 'iso-639-3/iso6393-to-1.js';
import type { PageDocument } from './htmlMeta';

/** franc names a macrolanguage's main member (Mandarin, Standard Arabic); ISO 639-1 has a code for the macrolanguage. */
const MACROLANGUAGE_OF: Record<string, string> = {
  cmn: 'zh',
  arb: 'ar',
  pes: 'fa',
  zlm: 'ms',
  swh: 'sw',
  uzn: 'uz',
  azj: 'az',
  plt: 'mg',
  npi: 'ne',
  pbu: 'ps',
  ckb: 'ku',
  fuv: 'ff',
};

/** Enough text to tell a language by (more takes longer and tells no better). */
const SAMPLE_CHARS = 2_000;
/** Shorter text is not told: a caption or a menu says too little. */
const MIN_CHARS = 30;

/** The language the text is written in, or null when it is too short or unlike any. */
export function detectLanguage(text: string): string | null {
  const sample = text.slice(0, SAMPLE_CHARS);
  if (sample.trim().length < MIN_CHARS) return null;
  const code = franc(sample, { minLength: MIN_CHARS });
  if (code === 'und') return null;
  return MACROLANGUAGE_OF[code] ?? iso6393To1[code] ?? code;
}

/** A stated language tag cleaned up ("de_DE" → "de-DE"), or null when it is empty or not a tag. */
export function statedLanguage(tag: string | null | undefined): string | null {
  const cleaned = (tag ?? '').trim().replace(/_/g, '-');
  return /^[a-z]{2,3}(-[a-z0-9]{1,8})*$/i.test(cleaned) ? cleaned : null;
}

/** Enough of a page's paragraphs to tell its language by. */
const LANGUAGE_SAMPLE = 2_000;

/** What the page says it is written in, else what its paragraphs look like. */
export function pageLanguage(document: PageDocument): string | null {
  const stated = statedLanguage(document.documentElement?.getAttribute('lang'));
  if (stated) return stated;
  let sample = '';
  for (const paragraph of document.querySelectorAll('p')) {
    sample += `${paragraph.textContent ?? ''}\n`;
    if (sample.length >= LANGUAGE_SAMPLE) break;
  }
  return detectLanguage(sample);
}
