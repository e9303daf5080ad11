import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import MiniSearch from 'minisearch';
import { indexTerms } from '../../src/core/search/indexTerms';

const tokenize = MiniSearch.getDefault('tokenize') as (text: string) => string[];
const processTerm = MiniSearch.getDefault('processTerm') as (term: string) => string;
const minisearchTerms = (text: string) => tokenize(text).map(processTerm).filter(Boolean);

/** Characters where a fast split could part from minisearch's: case that changes length or depends on context, surrogates, far punctuation. */
const tricky = [
  'Σ',
  'ΟΔΟΣ',
  'İ',
  'ẞ',
  'ﬁ',
  '\ud800',
  '\udc00',
  '\ud83d\ude00',
  '𐄀',
  '\u2028',
  '\u00a0',
  '\u3000',
  '。',
  '「',
  "'",
  '-',
  '\n',
  '\r',
  '\t',
  '\0',
  'é',
  'e\u0301',
];

describe("the index terms (minisearch's words by one scan)", () => {
  it('are the words minisearch indexes for any text (fast-check)', () => {
    const text = fc
      .array(fc.oneof(fc.constantFrom(...tricky), fc.string({ unit: 'binary', maxLength: 6 }), fc.string({ maxLength: 8 })), { maxLength: 20 })
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(text, (t) => assert.deepEqual(indexTerms(t), minisearchTerms(t))),
      { numRuns: 5000 },
    );
  });

  it('split a sentence at its spaces and punctuation and lower-case it', () => {
    assert.deepEqual(indexTerms("O'Brien said: «Σίσυφος» — 日本。OK\u2028done"), ['o', 'brien', 'said', 'σίσυφος', '日本', 'ok', 'done']);
  });
});
