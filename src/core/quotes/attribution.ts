/**
 * Who said it: the words next to a quote ("…," Lavrov said; said Lavrov; Lavrov said: "…";
 * according to Lavrov) and the sentences of reported speech (Lavrov said that …), read as patterns
 * around a speech verb. The speaker is a name the recognizer found in those words; a pronoun or "the
 * minister" is left for the caller to resolve from what came before.
 */

/** Verbs that introduce speech, in the forms news uses. */
const VERBS = [
  'said',
  'says',
  'say',
  'added',
  'adds',
  'told',
  'tells',
  'stressed',
  'noted',
  'explained',
  'warned',
  'insisted',
  'argued',
  'continued',
  'wrote',
  'writes',
  'declared',
  'claimed',
  'replied',
  'commented',
  'remarked',
  'admitted',
  'acknowledged',
  'announced',
  'concluded',
  'urged',
  'suggested',
  'confirmed',
  'affirmed',
  'asked',
  'recalled',
  'observed',
  'maintained',
  'predicted',
  'promised',
  'conceded',
  'joked',
  'complained',
  'cautioned',
  'emphasised',
  'emphasized',
  'agreed',
  'agrees',
  'believes',
  'explains',
  'argues',
  'warns',
  'insists',
  'notes',
  'admits',
  'concedes',
  'reveals',
  'revealed',
  'points out',
  'pointed out',
  'went on',
  'will say',
  'will ask',
  'will tell',
  'will add',
  'would say',
];
/** Participles that carry on the sentence's speaker ("…, adding that "…""). */
const PARTICIPLES = ['adding', 'saying', 'noting', 'stressing', 'insisting', 'arguing', 'explaining', 'warning', 'affirming', 'telling'];

const VERB = `(?:${VERBS.join('|')})`;
const PARTICIPLE = `(?:${PARTICIPLES.join('|')})`;
/** Up to a few words between the verb and the quote: "told reporters", "said on Friday", "told the BBC's Today programme". */
const OBJECT = `(?:\\s+[^\\s"“”.!?]+){0,6}?`;

export type Who = { kind: 'span'; start: number; end: number } | { kind: 'continuing' };

const WHO_THEN_VERB_AFTER = new RegExp(`^[\\s,;:–—-]*([^.!?"“”;]{1,90}?)\\s+(?:also\\s+|then\\s+|later\\s+|has\\s+|had\\s+)?${VERB}\\b`, 'du');
const VERB_THEN_WHO_AFTER = new RegExp(`^[\\s,;:–—-]*${VERB}\\s+([^.!?"“”;]{1,120})`, 'du');
const ACCORDING_AFTER = /^[\s,;:–—-]*according to\s+([^.!?"“”;]{1,120})/diu;
const WHO_THEN_VERB_BEFORE = new RegExp(
  `(?:^|[.!?]\\s+|[;]\\s*)?([^.!?"“”;]{1,200}?)\\s+(?:also\\s+|then\\s+|later\\s+|has\\s+|had\\s+)?${VERB}${OBJECT}(?:\\s+that)?[\\s,:–—-]*$`,
  'du',
);
const ACCORDING_BEFORE = /according to\s+([^.!?"“”;]{1,120}?)[\s,:]*$/diu;
const PARTICIPLE_BEFORE = new RegExp(`${PARTICIPLE}${OBJECT}(?:\\s+that)?[\\s,:–—-]*$`, 'du');

/** The speaker's words after a quote, as offsets into `text` (the quote's closing mark is just before `from`). */
export function whoAfter(text: string, from: number): Who | undefined {
  const rest = text.slice(from, from + 220);
  const verbFirst = VERB_THEN_WHO_AFTER.exec(rest) ?? ACCORDING_AFTER.exec(rest);
  if (verbFirst) return spanOf(verbFirst, from);
  const whoFirst = WHO_THEN_VERB_AFTER.exec(rest);
  return whoFirst ? spanOf(whoFirst, from) : undefined;
}

/** The speaker's words before a quote that opens at `to`, within its sentence. */
export function whoBefore(text: string, to: number): Who | undefined {
  const head = text.slice(Math.max(0, to - 300), to);
  const offset = to - head.length;
  if (PARTICIPLE_BEFORE.test(head)) return { kind: 'continuing' };
  const according = ACCORDING_BEFORE.exec(head);
  if (according) return spanOf(according, offset);
  const whoFirst = WHO_THEN_VERB_BEFORE.exec(head);
  return whoFirst ? spanOf(whoFirst, offset) : undefined;
}

function spanOf(match: RegExpExecArray, offset: number): Who {
  const [start, end] = match.indices?.[1] ?? [0, 0];
  return { kind: 'span', start: offset + start, end: offset + end };
}

/** A reported-speech sentence: "Lavrov said (that) …" or "…, Lavrov said." — the speaker's words and what was said. */
export interface ReportedSpeech {
  who: { start: number; end: number };
  what: { start: number; end: number };
}

/** The words before the verb ("In Moscow on Monday, Lavrov said that …"; "Cory Doctorow, a coordinator for EFF, said"): the speaker is the last person in them. */
const SUBJECT = `^([^;:"“”]{1,200}?)\\s+(?:also\\s+|has\\s+|had\\s+)?`;
/** What may stand between the verb and "that": "on Monday", ", in an interview afterwards", "reporters". */
const VERB_TAIL = `(?:,[^,]{1,50},?|\\s+(?:on|in|at|last|this|yesterday|today|earlier|later)\\b[^,]{0,30},?)?(?:\\s+[\\w'’]+){0,3}?`;
const REPORTED_WHO_FIRST = new RegExp(`${SUBJECT}${VERB}${VERB_TAIL}\\s+that\\s+(.+)$`, 'du');
/** "Lavrov said Russia supported …", but not "he said following a meeting" nor "said on Friday". */
const REPORTED_SAID_PLAIN = new RegExp(
  `${SUBJECT}(?:said|says|added|adds|believes|agreed|agrees|argued|argues|insisted|insists|warned|warns|admitted|admits|pointed out|points out)\\s+(?!that\\b|following\\b|during\\b|on\\b|in\\b|at\\b|after\\b|before\\b|yesterday\\b|today\\b|last\\b|this\\b|earlier\\b|later\\b|it\\b)(.+)$`,
  'du',
);
const REPORTED_WHO_LAST = new RegExp(`^(.+?),\\s+([^,;:"“”]{1,90}?)\\s+${VERB}(?:\\s+[^,.]{0,40})?[.!]?\\s*$`, 'du');
/** Asides that split a subject from its verb ("Brahimi, however, said"), blanked to the same length. */
const ASIDE = /,\s+(?:however|meanwhile|though|too|in turn|for (?:his|her|its) part),/gi;

/** Reads one sentence (offsets relative to it) as reported speech, if it is. */
export function reportedSpeech(sentence: string): ReportedSpeech | undefined {
  const plain = sentence.replace(ASIDE, (aside) => ' '.repeat(aside.length));
  for (const pattern of [REPORTED_WHO_FIRST, REPORTED_SAID_PLAIN]) {
    const match = pattern.exec(plain);
    const [who, what] = [match?.indices?.[1], match?.indices?.[2]];
    if (who && what) return { who: { start: who[0], end: who[1] }, what: { start: what[0], end: sentence.trimEnd().length } };
  }
  const last = REPORTED_WHO_LAST.exec(plain);
  const [what, who] = [last?.indices?.[1], last?.indices?.[2]];
  return what && who ? { who: { start: who[0], end: who[1] }, what: { start: what[0], end: what[1] } } : undefined;
}

const PRONOUN = /^(?:he|she)$/i;
/** "the cardinal", "the US Secretary", "the 26-year-old": a person spoken of before. */
const ROLE =
  /^the\s+(?:[\w'’-]+\s+){0,4}(?:minister|secretary|spokesman|spokeswoman|spokesperson|president|diplomat|envoy|ambassador|chief|leader|chairman|chairwoman|official|premier|chancellor|boss|manager|coach|cardinal|archbishop|bishop|star|player|athlete|striker|singer|actor|actress|director|economist|analyst|executive|founder|[\d]+-year-old)$/i;
/** "the report", "the company": an organization spoken of before. */
const ORGANIZATION =
  /^the\s+(?:[\w-]+\s+){0,2}(?:report|company|firm|group|statement|survey|study|bank|government|ministry|department|agency|club|party|union|council)$/i;

/** The last clause of the words before or after a speech verb ("However, the report" → "the report"). */
export function lastClause(words: string): string {
  return (
    words
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean)
      .at(-1) ?? ''
  );
}

/** What kind of words name the speaker when no recognized name is among them. */
export function referenceKind(words: string): 'pronoun' | 'it' | 'role' | 'organization' | 'capitalized' | undefined {
  // "However, the report": the last clause names the speaker.
  const trimmed = lastClause(words);
  if (PRONOUN.test(trimmed)) return 'pronoun';
  if (/^it$/i.test(trimmed)) return 'it';
  if (ROLE.test(trimmed)) return 'role';
  if (ORGANIZATION.test(trimmed)) return 'organization';
  if (/^(?:Mr|Mrs|Ms|Dr)\.?\s+[A-Z][\p{L}'’-]+$|^[A-Z][\p{L}'’-]+(?:\s+[A-Z][\p{L}'’-]+){0,2}$/u.test(trimmed)) return 'capitalized';
  return undefined;
}
