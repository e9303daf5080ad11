import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { TsvectorWriter, WordDictionary } from '../../src/core/db/tsvector';
import { indexTerms } from '../../src/core/search/indexTerms';

type Step = { kind: 'add'; word: string } | { kind: 'delete'; word: string } | { kind: 'has'; word: string };

/** Few distinct words, so that adds, deletes and lookups meet the same words again (and their hashes collide in a small table). */
const word = fc.oneof(fc.constantFrom('a', 'b', 'ab', 'ba', 'the', 'σ', 'ς', '😀', 'e\u0301', ''), fc.string({ maxLength: 6 }));
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('add' as const), word }),
  fc.record({ kind: fc.constant('delete' as const), word }),
  fc.record({ kind: fc.constant('has' as const), word }),
);

describe('the word dictionary of an ingest', () => {
  it('numbers words as a map would: the same number again, a new one after a delete, and the first meeting told (fast-check)', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 3000 }), (steps) => {
        const dictionary = new WordDictionary();
        const model = new Map<string, number>();
        let next = 0;
        for (const { kind, word } of steps) {
          if (kind === 'add') {
            const firstMet: string[] = [];
            const id = dictionary.idOf(word, firstMet);
            if (!model.has(word)) model.set(word, next++);
            assert.equal(id, model.get(word));
            assert.equal(dictionary.word(id), word);
            assert.deepEqual(firstMet, id === next - 1 && firstMet.length > 0 ? [word] : []);
          } else if (kind === 'delete') {
            dictionary.delete(word);
            model.delete(word);
          } else assert.equal(dictionary.has(word), model.has(word));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('keeps every word findable as its table grows past thousands of words', () => {
    const dictionary = new WordDictionary();
    const words = Array.from({ length: 20_000 }, (_, i) => `w${i.toString(36)}`);
    words.forEach((w, i) => assert.equal(dictionary.idOf(w), i));
    words.forEach((w, i) => assert.equal(dictionary.idOf(w), i, w));
    assert.ok(words.every((w) => dictionary.has(w)) && !dictionary.has('absent'));
  });

  it('finds a word by its place in a longer text without a string made for it, as by the word itself', () => {
    const dictionary = new WordDictionary(['council', 'budget']);
    const text = 'the council agreed the budget';
    assert.equal(dictionary.idOfSpan(text, 4, 11), dictionary.idOf('council'));
    assert.equal(dictionary.idOfSpan(text, 23, 29), dictionary.idOf('budget'));
    const firstMet: string[] = [];
    const agreed = dictionary.idOfSpan(text, 12, 18, firstMet);
    assert.deepEqual([dictionary.word(agreed), firstMet], ['agreed', ['agreed']]);
  });

  it("lists an article's words once each, in the order first met, whatever the articles written before it", () => {
    const dictionary = new WordDictionary();
    const first = new TsvectorWriter(dictionary);
    first.add('The budget, the council and the budget again', 'D');
    assert.deepEqual(first.lexemes(), ['the', 'budget', 'council', 'and', 'again']);
    const second = new TsvectorWriter(dictionary);
    second.add('Again the council', 'A');
    second.add('again', 'D');
    assert.deepEqual(second.lexemes(), indexTerms('again the council'));
  });
});
