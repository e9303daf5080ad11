/**
 * One name, one type in a document, decided by its strongest contexts: a company written with its
 * legal form somewhere ("Pirelli SpA", "Jones Medical Industries Inc") is that company when the
 * tagger takes its short form for a person elsewhere ("Pirelli said", "Jones stock closed").
 */
import type { RuleSpan } from './rules';
import { COMPANY_ENDINGS } from './ruleWords';

/** A person's name ending in a company's legal form is that company ("Pirelli SpA"). */
export function isCompanyName(words: string[]): boolean {
  return words.length >= 2 && COMPANY_ENDINGS.test(words[words.length - 1]);
}

/**
 * Retypes, across the document's sentences, a one-word person whose word leads an organization's
 * longer name in the same document, unless a person's longer name holds that word ("Magic Johnson"
 * beside "Johnson Controls" keeps "Johnson" a person); and an organization whose words end a
 * person's longer name in the document ("Suu Kyi" of "Aung San Suu Kyi") is that person.
 */
export function unifyDocumentTypes(perSentence: RuleSpan[][], sentenceWords: string[][]): void {
  const named = perSentence.flatMap((spans, s) =>
    spans.map((span) => {
      const words = sentenceWords[s].slice(span.start, span.end);
      if (span.type === 'PER' && isCompanyName(words)) span.type = 'ORG';
      return { span, words: words.map((word) => word.toLowerCase()), capitalised: /^\p{Lu}/u.test(words[0]) };
    }),
  );
  const personWords = new Set<string>();
  const surnames = new Set<string>();
  for (const { span, words } of named) {
    if (span.type !== 'PER' || words.length < 2) continue;
    for (const word of words) personWords.add(word);
    for (let k = 1; k < words.length; k++) surnames.add(words.slice(k).join(' '));
  }
  const isSurname = (words: string[]) => surnames.has(words.join(' '));
  const organisationLeads = new Set(
    named.filter(({ span, words, capitalised }) => span.type === 'ORG' && words.length >= 2 && capitalised && !isSurname(words)).map(({ words }) => words[0]),
  );
  for (const { span, words } of named) {
    if (span.type === 'PER' && words.length === 1 && organisationLeads.has(words[0]) && !personWords.has(words[0])) span.type = 'ORG';
    else if (span.type === 'ORG' && isSurname(words) && !organisationLeads.has(words[0])) span.type = 'PER';
  }
}
