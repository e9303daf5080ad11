/**
 * Films, games, products and awards are not people or organisations, though the tagger (trained on
 * 1996 newswire) takes them for ones: "the film Vera Drake", "the game Halo", "the Xbox console", "won an
 * Oscar for". A person or organisation written in such a context becomes MISC, and so does every
 * other span of the same text in the document (one name, one type).
 */
import type { RuleSpan } from './rules';

/** A word before the name that says what kind of thing it is. */
const WORK_BEFORE = new Set('film movie drama comedy thriller documentary musical sitcom game album novel book song console browser'.split(' '));
/**
 * A word after the name that says it is an award. ("Sony console", "Disney film", "Spielberg film"
 * name the maker, so a product or work word after a name says nothing.)
 */
const WORK_AFTER = new Set('nomination nominations nominee nominees award awards'.split(' '));
/** After "a"/"an" + name: the name is counted, so it is a thing ("won an Oscar for best actress"), not a modifier ("a BBC reporter"). */
const AFTER_COUNTED = /^(?:[.,;:!?)"”’]|for|in|at|and|or|of|with|on|to|from|by|this|last|next)$/;

function isWorkContext(words: string[], span: RuleSpan): boolean {
  const before = words[span.start - 1]?.toLowerCase() ?? '';
  const after = words[span.end]?.toLowerCase() ?? '';
  if (WORK_BEFORE.has(before) || WORK_AFTER.has(after)) return true;
  return (before === 'a' || before === 'an') && (after === '' || AFTER_COUNTED.test(after));
}

/** Retypes people and organisations written as works or products, across the document. */
export function markWorks(perSentence: RuleSpan[][], sentenceWords: string[][]): void {
  const works = new Set<string>();
  perSentence.forEach((spans, s) => {
    for (const span of spans) {
      if ((span.type === 'PER' || span.type === 'ORG') && isWorkContext(sentenceWords[s], span)) works.add(nameOf(sentenceWords[s], span));
    }
  });
  if (works.size === 0) return;
  perSentence.forEach((spans, s) => {
    for (const span of spans) if ((span.type === 'PER' || span.type === 'ORG') && works.has(nameOf(sentenceWords[s], span))) span.type = 'MISC';
  });
}

const nameOf = (words: string[], span: RuleSpan) => words.slice(span.start, span.end).join(' ').toLowerCase();
