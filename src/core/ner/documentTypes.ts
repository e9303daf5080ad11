/**
 * One name, one type in a document, decided by its strongest contexts: a company written with its
 * legal form somewhere ("Pirelli SpA", "Jones Medical Industries Inc") is that company when the
 * tagger takes its short form for a person elsewhere ("Pirelli said", "Jones stock closed"), and a
 * person written in full ("Aung San Suu Kyi") is that person where the tagger took the surname for an
 * organization or a place.
 */
import type { RuleSpan } from './rules';
import { COMPANY_ENDINGS, ORG_LAST_WORDS, PARTICLES } from './ruleWords';

/**
 * A name of three words or more, or one that ends like a company or an organization ("Magna
 * International Inc", "Roosevelt Financial Group") or a club with its city ("Rotor Volgograd"): not
 * a person tagged as one ("Mukesh Ambani", "Phillips Idowu").
 */
function namedLikeOrganisation(written: string[], isPlace: (words: string[]) => boolean): boolean {
  if (written.length !== 2) return written.length >= 3;
  return COMPANY_ENDINGS.test(written[1]) || ORG_LAST_WORDS.has(written[1]) || isPlace([written[1]]);
}

/** A person's name ending in a company's legal form is that company ("Pirelli SpA"). */
function isCompanyName(words: string[]): boolean {
  return words.length >= 2 && COMPANY_ENDINGS.test(words[words.length - 1]);
}

/**
 * Retypes, across the document's sentences, a one-word person whose word leads an organization's
 * longer name in the same document, unless a person's longer name holds that word ("Magic Johnson"
 * beside "Johnson Controls" keeps "Johnson" a person); and an organization or a place whose
 * words end a person's longer name in the document ("Suu Kyi" of "Aung San Suu Kyi", "Washington" of
 * "MaliVai Washington") is that person.
 */
export function unifyDocumentTypes(perSentence: RuleSpan[][], sentenceWords: string[][], headline: boolean[], isOnlyPlace: (words: string[]) => boolean): void {
  const named = perSentence.flatMap((spans, s) =>
    spans.map((span) => {
      const words = sentenceWords[s].slice(span.start, span.end);
      if (span.type === 'PER' && isCompanyName(words)) span.type = 'ORG';
      return { span, written: words, words: words.map((word) => word.toLowerCase()), capitalised: /^\p{Lu}/u.test(words[0]), inHeadline: headline[s] };
    }),
  );
  const personWords = new Set<string>();
  const surnames = new Set<string>();
  for (const { span, words, written, inHeadline } of named) {
    if (span.type !== 'PER' || words.length < 2) continue;
    for (const word of words) personWords.add(word);
    // A headline's title-case words are no full name to trust ("Entering Westminster"), nor a span with other lower-case words in it ("Williams rejoins Bath").
    if (inHeadline || !written.every((word) => /^\p{Lu}/u.test(word) || PARTICLES.has(word.toLowerCase()))) continue;
    for (let k = 1; k < words.length; k++) surnames.add(words.slice(k).join(' '));
  }
  const isSurname = (words: string[]) => surnames.has(words.join(' '));
  const placesHere = new Set(named.filter(({ span, words }) => span.type === 'LOC' && words.length === 1).map(({ words }) => words[0]));
  const isPlace = (words: string[]) => isOnlyPlace(words) || (words.length === 1 && placesHere.has(words[0].toLowerCase()));
  const organisationLeads = new Set(
    named
      .filter(({ span, words, written, capitalised }) => span.type === 'ORG' && capitalised && namedLikeOrganisation(written, isPlace) && !isSurname(words))
      .map(({ words }) => words[0]),
  );
  for (const { span, words, written } of named) {
    if (span.type === 'PER' && words.length === 1 && organisationLeads.has(words[0]) && !personWords.has(words[0])) span.type = 'ORG';
    else if ((span.type === 'ORG' || (span.type === 'LOC' && !isOnlyPlace(written))) && isSurname(words) && !organisationLeads.has(words[0])) span.type = 'PER';
  }
}
