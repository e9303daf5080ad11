import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { SpellingTable } from '../../src/core/entities/keptNames';
import { ENTITY_TYPES } from '../../src/core/ner/tags';
import type { ArticleNames } from '../../src/core/entities/resolve';

const PLAIN = { noNullPrototype: true };
const articleNames = fc.record(
  {
    names: fc.array(fc.record({ type: fc.constantFrom(...ENTITY_TYPES), text: fc.string({ maxLength: 30 }) }, PLAIN), { maxLength: 40 }),
    acronyms: fc.array(fc.record({ long: fc.string(), short: fc.string() }, PLAIN), { maxLength: 3 }),
    quotes: fc.option(fc.array(fc.integer({ min: 0, max: 5000 }), { maxLength: 12 }), { nil: undefined }),
  },
  PLAIN,
);

describe('the names the entity index keeps', () => {
  it('gives back every article its names, types and order as they were kept (fast-check)', () => {
    fc.assert(
      fc.property(fc.array(articleNames, { maxLength: 8 }), (articles) => {
        const table = new SpellingTable();
        const kept = articles.map((a) => table.keep(a as ArticleNames));
        kept.forEach((k, i) => assert.deepEqual(table.names(k), { ...articles[i], story: undefined }));
      }),
      { numRuns: 500 },
    );
  });

  it('keeps a name as one number, and a spelling once however many articles and types have it', () => {
    const table = new SpellingTable();
    const first = table.keep({
      names: [
        { type: 'PER', text: 'Tony Blair' },
        { type: 'ORG', text: 'BBC' },
      ],
      acronyms: [],
    });
    const second = table.keep({
      names: [
        { type: 'ORG', text: 'Tony Blair' },
        { type: 'PER', text: 'Tony Blair' },
      ],
      acronyms: [],
    });
    assert.equal(table.size, 2);
    assert.ok([...first.names, ...second.names].every(Number.isInteger));
    assert.deepEqual(table.names(second).names, [
      { type: 'ORG', text: 'Tony Blair' },
      { type: 'PER', text: 'Tony Blair' },
    ]);
  });
});
