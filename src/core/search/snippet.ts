/** The best sentence or two of an article for a hit, with the matched terms marked. */
import type { Article } from '../types';

export interface Snippet {
  text: string;
  /** [start, end) character ranges of `text` to highlight. */
  highlights: [number, number][];
  /** 0-based line in the file of the paragraph holding the first match. */
  line: number;
  /** The first matched word as it appears in the text, to select it when opening. */
  match?: string;
}

const MAX_SNIPPET = 240;
const SENTENCE = /[^.!?…]+(?:[.!?…]+["”’)]*|$)\s*/g;

interface Sentence {
  text: string;
  line: number;
}

function sentencesOf(article: Pick<Article, 'paragraphs'>): Sentence[] {
  const out: Sentence[] = [];
  for (const paragraph of article.paragraphs) {
    for (const match of paragraph.text.matchAll(SENTENCE)) {
      const text = match[0].trim();
      if (text) out.push({ text, line: paragraph.line });
    }
  }
  return out;
}

/** Regex matching any of the terms at a word start, longest first (so "lavrov" wins over "lav"). */
export function termPattern(terms: string[]): RegExp | null {
  const unique = [...new Set(terms.filter((t) => t.length > 0))].sort((a, b) => b.length - a.length);
  if (unique.length === 0) return null;
  const escaped = unique.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${escaped.join('|')})[\\p{L}\\p{N}]*`, 'giu');
}

export function makeSnippet(article: Pick<Article, 'title' | 'paragraphs'>, terms: string[]): Snippet {
  const pattern = termPattern(terms);
  const sentences = sentencesOf(article);
  if (!pattern || sentences.length === 0) return clip({ text: sentences[0]?.text ?? article.title, line: sentences[0]?.line ?? 0 }, null);
  let best = -1;
  let bestScore = 0;
  sentences.forEach((sentence, i) => {
    const found = new Set((sentence.text.match(pattern) ?? []).map((m) => m.toLowerCase()));
    const score = found.size * 10 + (sentence.text.match(pattern)?.length ?? 0);
    if (score > bestScore) {
      best = i;
      bestScore = score;
    }
  });
  if (best < 0) return clip({ text: sentences[0].text, line: sentences[0].line }, null);
  const chosen = sentences[best];
  const next = sentences[best + 1];
  const text = next && next.line === chosen.line && chosen.text.length + next.text.length < MAX_SNIPPET ? `${chosen.text} ${next.text}` : chosen.text;
  return clip({ text, line: chosen.line }, pattern);
}

function clip(sentence: Sentence, pattern: RegExp | null): Snippet {
  let text = sentence.text;
  let first = pattern ? [...text.matchAll(pattern)][0] : undefined;
  if (text.length > MAX_SNIPPET) {
    const start = first?.index !== undefined && first.index > MAX_SNIPPET / 2 ? Math.max(0, first.index - 60) : 0;
    text = (start > 0 ? '…' : '') + text.slice(start, start + MAX_SNIPPET).trim() + (start + MAX_SNIPPET < sentence.text.length ? '…' : '');
    first = pattern ? [...text.matchAll(pattern)][0] : undefined;
  }
  const highlights: [number, number][] = pattern ? [...text.matchAll(pattern)].map((m) => [m.index ?? 0, (m.index ?? 0) + m[0].length]) : [];
  return { text, highlights, line: sentence.line, match: first?.[0] };
}
