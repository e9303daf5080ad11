/**
 * Films, games, products and awards are not people or organisations, though the tagger (trained on
 * 1996 newswire) takes them for ones: "the film Vera Drake", "the game Halo", "Halo 2 is",
 * "Microsoft's Xbox", "won an Oscar for", "nominated for Ray", "her role in Vera Drake". A person or organisation written in such a context becomes MISC, and so does every
 * other span of the same text in the document (one name, one type).
 */
import type { RuleSpan } from './rules';
import { COMPANY_ENDINGS } from './ruleWords';

/** A word before the name that says what kind of thing it is. */
const WORK_BEFORE = new Set('film movie drama comedy thriller documentary musical sitcom game album novel book song console browser'.split(' '));
/**
 * A word after the name that says it is an award. ("Sony console", "Disney film", "Spielberg film"
 * name the maker, so a product or work word after a name says nothing.)
 */
const WORK_AFTER = new Set('nomination nominations nominee nominees award awards'.split(' '));
/** An award named shortly before "for" + the name: "the director award went to Clint Eastwood for Million Dollar Baby". */
const AWARD_WORDS = new Set('award awards nomination nominations nominated oscar oscars bafta baftas globe globes prize emmy grammy'.split(' '));
const AWARD_REACH = 8;
/** A part in a work: "her role in Vera Drake", "starring in Ray". */
const PART_WORDS = new Set('role roles starring starred'.split(' '));
/** After "a"/"an" + name: the name is counted, so it is a thing ("won an Oscar for best actress"), not a modifier ("a BBC reporter"). */
const AFTER_COUNTED = /^(?:[.,;:!?)"”’]|for|in|at|and|or|of|with|on|to|from|by|this|last|next)$/;

/** A model number after a product's name: "PlayStation 2", "Xbox 360" (one digit, or 360). */
const MODEL_NUMBER = /^(?:[1-9]|360)$/;
/** What follows a number in results ("Telekom 4 hours", "Surrey 5 points"): a measure, not a product's model. */
const MEASURES = new Set(
  'hour hours minute minutes second seconds point points run runs goal goals lap laps wicket wickets km metres meters percent pct per shots strokes million billion'.split(
    ' ',
  ),
);

/**
 * Whether the span is written as a work or a product: certainly ("the film Vera Drake"), or by a
 * hint that also fits a person ("nominated for Hilary Swank", "a role in Ray"), which counts only
 * when the document never calls that name a person.
 */
function workContext(words: string[], span: RuleSpan, spans: RuleSpan[]): 'certain' | 'hint' | undefined {
  const before = words[span.start - 1]?.toLowerCase() ?? '';
  const after = words[span.end]?.toLowerCase() ?? '';
  if (WORK_BEFORE.has(before) || WORK_AFTER.has(after)) return 'certain';
  if ((before === 'a' || before === 'an') && (after === '' || AFTER_COUNTED.test(after))) return 'certain';
  if (before === 'in' && PART_WORDS.has(words[span.start - 2]?.toLowerCase() ?? '')) return 'hint';
  const award = words.slice(Math.max(0, span.start - 1 - AWARD_REACH), span.start - 1).some((w) => AWARD_WORDS.has(w.toLowerCase()));
  if (before === 'for' && award) return 'hint';
  // "Newcastle's Alan Shearer" is a person.
  return span.type === 'ORG' && isProductContext(words, span, spans) ? 'certain' : undefined;
}

function isProductContext(words: string[], span: RuleSpan, spans: RuleSpan[]): boolean {
  const after = words[span.end]?.toLowerCase() ?? '';
  // "Halo 2 is", "Xbox 360 console": a number and then a lowercase word (a results line has a name or a full stop there).
  const following = words[span.end + 1] ?? '';
  if (MODEL_NUMBER.test(after) && /^\p{Ll}/u.test(following) && !MEASURES.has(following)) return true;
  // "Microsoft's Xbox", "Nintendo's DS": an organisation's product, a name of a word or two.
  const maker = spans.find((other) => other.end === span.start - 1 && other.type === 'ORG');
  return maker !== undefined && /^['’]s$/.test(words[span.start - 1]) && span.end - span.start <= 2 && !COMPANY_ENDINGS.test(words[span.end - 1]);
}

/** Retypes people and organisations written as works or products, across the document. */
export function markWorks(perSentence: RuleSpan[][], sentenceWords: string[][]): void {
  const works = new Set<string>();
  const hinted = new Set<string>();
  const people = new Set<string>();
  perSentence.forEach((spans, s) => {
    for (const span of spans) {
      if (span.type !== 'PER' && span.type !== 'ORG') continue;
      const name = nameOf(sentenceWords[s], span);
      if (span.type === 'PER') people.add(name);
      const context = workContext(sentenceWords[s], span, spans);
      if (context === 'certain') works.add(name);
      else if (context === 'hint') hinted.add(name);
    }
  });
  for (const name of hinted) if (!people.has(name)) works.add(name);
  if (works.size === 0) return;
  perSentence.forEach((spans, s) => {
    for (const span of spans) if ((span.type === 'PER' || span.type === 'ORG') && works.has(nameOf(sentenceWords[s], span))) span.type = 'MISC';
  });
}

const nameOf = (words: string[], span: RuleSpan) => words.slice(span.start, span.end).join(' ').toLowerCase();
