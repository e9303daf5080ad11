/**
 * The quotes of an article and who said them. Direct quotes are the quoted words of each paragraph
 * (quoteSpans), attributed by the words around them (attribution); a quote with no words of its
 * own takes the speaker of its paragraph, or of the paragraph it continues. Reported speech
 * ("Lavrov said that …") is kept as a paraphrase. A pronoun ("he said") is the last named speaker
 * of the paragraph, else the last person named before it.
 */
import { lastClause, reportedSpeech, referenceKind, whoAfter, whoBefore, type ReportedSpeech, type Who } from './attribution';
import { quoteSpans, type QuoteSpan } from './quoteSpans';
import { sentenceBounds } from '../text/sentences';

/** A name in the article the recognizer found (paragraph and offsets in its text). */
export interface NameSpan {
  type: string;
  paragraph: number;
  start: number;
  end: number;
  text: string;
}

/** Who said a quote: a name as written in the article, and where (the antecedent, for a pronoun). `name` is the text at that place. */
export interface Speaker {
  name: string;
  /** PER or ORG as the recognizer (or a title) says; absent for capitalized words it did not tag. */
  type?: string;
  /** False for capitalized words the recognizer did not tag ("said Cook"): their entity is found by name. */
  untagged?: boolean;
  paragraph: number;
  start: number;
  end: number;
}

export interface FoundQuote {
  text: string;
  kind: 'direct' | 'paraphrase';
  paragraph: number;
  start: number;
  end: number;
  speaker?: Speaker;
}

/** Fewer words are a term or a title in quote marks ("safe zones"), not something said. */
const MIN_WORDS = 3;
/** A quote with no attribution at all is kept (unattributed) from this many words, when it starts a sentence. */
const MIN_WORDS_ALONE = 5;

const wordCount = (text: string) => text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;

interface Context {
  paragraphs: readonly string[];
  /** Per paragraph, the names outside quotes, by start (looked up by offset: a paragraph may be huge). */
  names: Map<number, NameSpan[]>;
  /** Per paragraph, its sentences' bounds (segmented once). */
  sentences: Map<number, { start: number; end: number }[]>;
  /** The last speaker named in each paragraph so far (for "he said" and continued quotes). */
  lastSpeaker: Map<number, Speaker>;
}

/** How many sentences back, in one paragraph, a pronoun looks for whom it stands for. */
const SENTENCES_BACK = 12;

/** The names of a paragraph that lie within [from, to), in order. */
function namesWithin(context: Context, p: number, from: number, to: number): NameSpan[] {
  const list = context.names.get(p) ?? [];
  let low = 0;
  let high = list.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (list[mid].start < from) low = mid + 1;
    else high = mid;
  }
  const found: NameSpan[] = [];
  for (let i = low; i < list.length && list[i].start < to; i++) if (list[i].end <= to) found.push(list[i]);
  return found;
}

function sentencesOf(context: Context, p: number): { start: number; end: number }[] {
  let list = context.sentences.get(p);
  if (!list) {
    list = sentenceBounds(context.paragraphs[p]);
    context.sentences.set(p, list);
  }
  return list;
}

/** Names outside the paragraph's quotes (the quoted words are not who is speaking), grouped by paragraph. */
function namesOutsideQuotes(names: NameSpan[], spans: QuoteSpan[][]): Map<number, NameSpan[]> {
  const byParagraph = new Map<number, NameSpan[]>();
  for (const name of [...names].sort((a, b) => a.paragraph - b.paragraph || a.start - b.start)) {
    const list = byParagraph.get(name.paragraph);
    if (list) list.push(name);
    else byParagraph.set(name.paragraph, [name]);
  }
  for (const [p, list] of byParagraph) {
    const quoted = spans[p] ?? [];
    let k = 0;
    byParagraph.set(
      p,
      list.filter((n) => {
        while (k < quoted.length && quoted[k].end < n.end) k++;
        return !(k < quoted.length && n.start >= quoted[k].start && n.end <= quoted[k].end);
      }),
    );
  }
  return byParagraph;
}

export function findQuotes(paragraphs: readonly string[], recognized: readonly NameSpan[]): FoundQuote[] {
  const names = recognized.map(withTitleType).filter((n) => n.type === 'PER' || n.type === 'ORG');
  const spans = paragraphs.map((text) => quoteSpans(text).filter((s) => wordCount(text.slice(s.start, s.end)) >= MIN_WORDS));
  const context: Context = { paragraphs, names: namesOutsideQuotes(names, spans), sentences: new Map(), lastSpeaker: new Map() };
  const quotes: FoundQuote[] = [];
  const pending: { quote: FoundQuote; span: QuoteSpan }[] = [];
  for (let p = 0; p < paragraphs.length; p++) {
    // In reading order, so "he said" is whoever was speaking up to there.
    const queue = [...spans[p]];
    for (const bounds of sentencesOf(context, p)) {
      const sentence = { index: bounds.start, segment: paragraphs[p].slice(bounds.start, bounds.end) };
      const end = bounds.end;
      // "Ms Atlas said PBS could … airing "an important film"": the sentence's speaker said the quote.
      const reported = reportedSpeaker(context, p, sentence.segment, sentence.index);
      while (queue.length && queue[0].start < end) {
        const span = queue.shift() as QuoteSpan;
        const quote: FoundQuote = { text: paragraphs[p].slice(span.start, span.end), kind: 'direct', paragraph: p, start: span.start, end: span.end };
        quote.speaker = attribute(context, p, span) ?? (span.start > sentence.index ? reported : undefined);
        if (quote.speaker) context.lastSpeaker.set(p, quote.speaker);
        // No words of its own: whoever the paragraph's quotes were by up to here goes on.
        else quote.speaker = context.lastSpeaker.get(p);
        quotes.push(quote);
        pending.push({ quote, span });
      }
      const paraphrase = paraphraseIn(p, sentence.segment, sentence.index, spans[p], reported);
      if (paraphrase) quotes.push(paraphrase);
      if (reported) context.lastSpeaker.set(p, reported);
    }
  }
  // A paragraph that is only a quote goes on from the one before or opens the one after.
  const attributed = new Map<number, FoundQuote[]>();
  for (const q of quotes) {
    if (q.kind !== 'direct' || !q.speaker) continue;
    const list = attributed.get(q.paragraph);
    if (list) list.push(q);
    else attributed.set(q.paragraph, [q]);
  }
  for (const { quote, span } of pending) {
    if (quote.speaker) continue;
    quote.speaker = standaloneSpeaker(context, attributed, quote);
    // A run of such paragraphs hands the speaker on.
    if (quote.speaker) {
      const list = attributed.get(quote.paragraph) ?? [];
      list.push(quote);
      list.sort((a, b) => a.start - b.start);
      attributed.set(quote.paragraph, list);
    }
    if (!quote.speaker && !(wordCount(quote.text) >= MIN_WORDS_ALONE && startsSentence(paragraphs[quote.paragraph], span.start))) quote.text = '';
  }
  return quotes.filter((q) => q.text !== '').sort((a, b) => a.paragraph - b.paragraph || a.start - b.start);
}

/** "Mr Ebbers" is a person whatever the tagger said. */
function withTitleType(name: NameSpan): NameSpan {
  return /^(?:Mr|Mrs|Ms|Miss|Dr|Sir|Lord|Lady)\.?\s/.test(name.text) ? { ...name, type: 'PER' } : name;
}

function startsSentence(text: string, start: number): boolean {
  return /(?:^|[.!?:]\s*)["“]?\s*$/.test(text.slice(0, start));
}

/** The words around a quote, in its paragraph, then across a paragraph break when the sentence runs over it. */
function attribute(context: Context, p: number, span: QuoteSpan): Speaker | undefined {
  const text = context.paragraphs[p];
  const closeAt = span.open ? span.end : span.end + 1;
  // `"… weeks." She said new mothers …` starts the next sentence; `"…?" asked Smith` does not.
  const endsSentence = /[.?!]$/.test(text.slice(span.start, span.end)) && /^\s*[A-Z]/.test(text.slice(closeAt));
  const after = endsSentence ? undefined : whoAfter(text, closeAt);
  const fromAfter = after && speakerOf(context, p, after, 'first', span.start);
  if (fromAfter) return fromAfter;
  const before = whoBefore(text, span.start - 1);
  const fromBefore = before && speakerOf(context, p, before, 'last', span.start);
  if (fromBefore) return fromBefore;
  // "Kerry, he said,\n\n"conveyed …,"\n\nToner told reporters": the sentence runs over paragraph breaks.
  const next = context.paragraphs[p + 1];
  if (next !== undefined && /^[\s,.;:!?"”]*$/.test(text.slice(closeAt)) && /,$/.test(text.slice(span.start, span.end))) {
    const who = whoAfter(next, 0);
    const speaker = who && speakerOf(context, p + 1, who, 'first', 0);
    // The next paragraph's other quotes go on with this speaker ("he said …. "Real talks must continue"").
    if (speaker) context.lastSpeaker.set(p + 1, speaker);
    if (speaker) return speaker;
  }
  const previous = context.paragraphs[p - 1];
  if (previous !== undefined && /^\s*["“]?\s*$/.test(text.slice(0, span.start)) && !/[.!?"”]\s*$/.test(previous)) {
    const who = whoBefore(previous, previous.length);
    return who && speakerOf(context, p - 1, who, 'last', previous.length);
  }
  return undefined;
}

/** The name in the speaker's words (the first or last of several), else what a pronoun or a role stands for. */
function speakerOf(context: Context, p: number, who: Who, which: 'first' | 'last', at: number): Speaker | undefined {
  if (who.kind === 'continuing') return antecedent(context, p, at, 'PER');
  const inside = namesWithin(context, p, who.start, who.end);
  // "Revolution Studios spokesman Sean Dudas": the person speaks for the organization.
  const people = inside.filter((n) => n.type === 'PER');
  const candidates = people.length ? people : inside;
  const name = which === 'first' ? candidates[0] : candidates.at(-1);
  if (name) return speakerAt(name);
  const words = context.paragraphs[p].slice(who.start, who.end);
  const kind = referenceKind(words);
  if (kind === 'pronoun') return antecedent(context, p, who.start, 'PER');
  if (kind === 'it') return antecedent(context, p, who.start, 'ORG');
  if (kind === 'role') return context.lastSpeaker.get(p) ?? lastSpeakerBefore(context, p);
  if (kind === 'organization') return antecedent(context, p, who.start, 'ORG');
  if (kind === 'capitalized') {
    // The last clause of the words, where it is written ("However, Mr Smith").
    const name = lastClause(words);
    const start = who.start + words.lastIndexOf(name);
    return { name, type: /^(?:Mr|Mrs|Ms|Miss|Dr)\b/.test(name) ? 'PER' : undefined, paragraph: p, start, end: start + name.length, untagged: true };
  }
  return undefined;
}

/**
 * Whom "he" (or "it", for an organization) stands for: the paragraph's speaker so far, else going
 * back a sentence at a time (three paragraphs at most) a paragraph's speaker or the first name of
 * a sentence that is its subject — not a possessive ("Lavrov's remarks"), not the subject of the
 * quoted words ("Mr Sullivan "made accounting decisions," he said").
 */
function antecedent(context: Context, p: number, before: number, type: string): Speaker | undefined {
  const spoken = context.lastSpeaker.get(p);
  if (spoken && (spoken.type ?? type) === type && spoken.paragraph === p && spoken.start < before) return spoken;
  for (let q = p; q >= Math.max(0, p - 3); q--) {
    const earlier = q < p ? context.lastSpeaker.get(q) : undefined;
    if (earlier && (earlier.type ?? type) === type) return earlier;
    const text = context.paragraphs[q];
    const sentences = sentencesOf(context, q)
      .filter((s) => q < p || s.start < before)
      .slice(-SENTENCES_BACK)
      .reverse();
    for (const sentence of sentences) {
      const end = q < p ? sentence.end : Math.min(sentence.end, before);
      const subject = namesWithin(context, q, sentence.start, end).find((n) => n.type === type && isSubjectLike(text, n.end));
      if (subject) return speakerAt(subject);
    }
  }
  return undefined;
}

function speakerAt(name: NameSpan): Speaker {
  return { name: name.text, type: name.type, paragraph: name.paragraph, start: name.start, end: name.end };
}

function isSubjectLike(text: string, end: number): boolean {
  return !/^(?:['’]s?\b|\s*["“])/.test(text.slice(end, end + 3));
}

function lastSpeakerBefore(context: Context, p: number): Speaker | undefined {
  for (let q = p - 1; q >= Math.max(0, p - 3); q--) {
    const speaker = context.lastSpeaker.get(q);
    if (speaker) return speaker;
  }
  return undefined;
}

/**
 * A paragraph that is only a quote, with no attribution: it continues the speaker of the quote
 * before it; else it opens what the next paragraph's attributed quote goes on with.
 */
function standaloneSpeaker(context: Context, attributed: Map<number, FoundQuote[]>, quote: FoundQuote): Speaker | undefined {
  const text = context.paragraphs[quote.paragraph];
  if (!/^\s*["“]?\s*$/.test(text.slice(0, quote.start))) return undefined;
  const direct = (p: number) => attributed.get(p) ?? [];
  const previous = direct(quote.paragraph - 1).at(-1);
  if (previous) return previous.speaker;
  const next = direct(quote.paragraph + 1)[0];
  if (next && /^\s*["“]?\s*$/.test(context.paragraphs[quote.paragraph + 1].slice(0, next.start))) return next.speaker;
  return lastSpeakerBefore(context, quote.paragraph);
}

/** The speaker of a sentence of reported speech ("Lavrov said that …"), quotes in it or not. */
function reportedSpeaker(context: Context, p: number, segment: string, index: number): Speaker | undefined {
  const reported = reportedSpeech(segment);
  if (!reported) return undefined;
  return speakerOf(context, p, { kind: 'span', start: index + reported.who.start, end: index + reported.who.end }, 'last', index);
}

/** Reported speech in a sentence that holds no quote, kept as a paraphrase. */
function paraphraseIn(p: number, segment: string, index: number, spans: QuoteSpan[], speaker: Speaker | undefined): FoundQuote | undefined {
  const end = index + segment.length;
  if (!speaker || spans.some((s) => s.start < end && s.end > index) || /["“”]/.test(segment)) return undefined;
  const reported = reportedSpeech(segment) as ReportedSpeech;
  const what = segment.slice(reported.what.start, reported.what.end).replace(/[.!?]+$/, '');
  if (wordCount(what) < MIN_WORDS) return undefined;
  const start = index + reported.what.start;
  return { text: what, kind: 'paraphrase', paragraph: p, start, end: start + what.length, speaker };
}
