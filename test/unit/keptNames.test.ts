import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { Int32ArraysByKey } from '../../src/core/entities/arenas';
import { KeptNamesTable } from '../../src/core/entities/keptNames';
import { EntityArticles } from '../../src/core/entities/mentionTable';
import { ENTITY_TYPES } from '../../src/core/ner/tags';
import type { ArticleNames } from '../../src/core/entities/resolve';
import { storyFeatures } from '../../src/core/stories/storyFeatures';

const PLAIN = { noNullPrototype: true, requiredKeys: ['names', 'acronyms'] as ('names' | 'acronyms')[] };
const story = fc.oneof(
  fc.array(fc.string({ minLength: 20, maxLength: 80 }), { minLength: 1, maxLength: 4 }).map((texts) => storyFeatures(texts, [])),
  // Features this code would not write: kept as they are.
  fc.record({ text: fc.string({ maxLength: 10 }), terms: fc.string({ maxLength: 12 }) }, { noNullPrototype: true }),
);
const articleNames = fc.record(
  {
    names: fc.array(fc.record({ type: fc.constantFrom(...ENTITY_TYPES), text: fc.string({ maxLength: 30 }) }, { noNullPrototype: true }), {
      maxLength: 40,
    }),
    acronyms: fc.array(fc.record({ long: fc.string(), short: fc.string() }, { noNullPrototype: true }), { maxLength: 3 }),
    quotes: fc.array(fc.oneof(fc.integer({ min: -1, max: 5000 }), fc.double({ noNaN: true }), fc.constant(-0)), { maxLength: 16 }),
    story,
  },
  PLAIN,
) as fc.Arbitrary<ArticleNames>;

describe('the names the entity index keeps', () => {
  it('gives back every article its names, acronyms, quotes and story as they were kept, after changes and removals too (fast-check)', () => {
    const step = fc.tuple(fc.integer({ min: 0, max: 6 }), fc.option(articleNames, { nil: undefined }));
    fc.assert(
      fc.property(fc.array(step, { maxLength: 60 }), (steps) => {
        const table = new KeptNamesTable();
        const expected = new Map<string, ArticleNames>();
        for (const [n, names] of steps) {
          const path = `/corpus/${n}.txt`;
          if (names) {
            table.set(path, names);
            expected.set(path, names);
          } else assert.equal(table.delete(path), expected.delete(path));
        }
        assert.equal(table.size, expected.size);
        for (const [path, names] of expected) {
          assert.deepEqual(table.get(path), names);
          assert.deepEqual(table.quotes(path), names.quotes);
          assert.deepEqual(table.story(path), names.story);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('keeps a spelling once however many articles and types have it', () => {
    const table = new KeptNamesTable();
    table.set('/a.txt', {
      names: [
        { type: 'PER', text: 'Tony Blair' },
        { type: 'ORG', text: 'BBC' },
      ],
      acronyms: [],
    });
    table.set('/b.txt', {
      names: [
        { type: 'ORG', text: 'Tony Blair' },
        { type: 'PER', text: 'Tony Blair' },
      ],
      acronyms: [],
    });
    assert.equal(table.spellingCount, 2);
    assert.deepEqual(table.get('/b.txt')?.names, [
      { type: 'ORG', text: 'Tony Blair' },
      { type: 'PER', text: 'Tony Blair' },
    ]);
    assert.equal(table.get('/c.txt'), undefined);
  });

  it('lets go of what replaced articles held: a thousand changes of one article leave it as the last one was', () => {
    const table = new KeptNamesTable();
    const features = (i: number) => storyFeatures([`The council met for the ${i}th time about the budget of the town.`]);
    for (let i = 0; i < 1000; i++)
      table.set('/a.txt', { names: [{ type: 'PER', text: `Person ${i}` }], acronyms: [], quotes: [0, i, 1, 2, -1, -1, -1, 0], story: features(i) });
    table.set('/b.txt', { names: [], acronyms: [] });
    assert.deepEqual(table.get('/a.txt'), {
      names: [{ type: 'PER', text: 'Person 999' }],
      acronyms: [],
      quotes: [0, 999, 1, 2, -1, -1, -1, 0],
      story: features(999),
    });
    assert.deepEqual(table.get('/b.txt'), { names: [], acronyms: [] });
    assert.ok(table.held < 20 * (4 * 9 + 120 * 5), `what the earlier versions held is let go (${table.held} bytes held)`);
  });

  it('keeps the articles in the order they first came, when one is set again', () => {
    const table = new KeptNamesTable();
    for (const path of ['/a.txt', '/b.txt', '/c.txt']) table.set(path, { names: [], acronyms: [] });
    table.set('/a.txt', { names: [{ type: 'ORG', text: 'BBC' }], acronyms: [] });
    assert.deepEqual([...table.paths()], ['/a.txt', '/b.txt', '/c.txt']);
  });
});

describe('arrays of numbers kept by key in one typed array', () => {
  it('gives back what was set last for each key, in the order keys first came, after changes and removals (fast-check)', () => {
    const step = fc.tuple(
      fc.integer({ min: 0, max: 8 }),
      fc.option(fc.array(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), { maxLength: 40 }), { nil: undefined }),
    );
    fc.assert(
      fc.property(fc.array(step, { maxLength: 200 }), (steps) => {
        const arrays = new Int32ArraysByKey();
        const expected = new Map<string, number[]>();
        for (const [n, values] of steps) {
          if (values) {
            arrays.set(`k${n}`, values);
            expected.set(`k${n}`, values);
          } else assert.equal(arrays.delete(`k${n}`), expected.delete(`k${n}`));
          if (values === undefined && n % 3 === 0) arrays.trim();
        }
        assert.deepEqual([...arrays.keys()], [...expected.keys()]);
        for (const [key, values] of expected) assert.deepEqual(Array.from(arrays.get(key) ?? []), values);
        assert.ok(arrays.held <= Math.max(4096, 2 * [...expected.values()].reduce((n, v) => n + v.length, 0)) + 40, 'what was let go is rewritten away');
      }),
      { numRuns: 300 },
    );
  });
});

describe("each entity's articles and mention count, in one typed array for all entities", () => {
  it('lists every article an entity is mentioned in once, in table order, and counts its mentions (fast-check)', () => {
    const mention = (entities: number) =>
      fc
        .tuple(fc.integer({ min: -1, max: entities }), fc.nat(50), fc.nat(500), fc.nat(500))
        .map(([entity, paragraph, start, end]) => [entity, paragraph, start, end]);
    const corpus = fc.nat(12).chain((entities) =>
      fc.tuple(
        fc.constant(entities),
        fc.array(
          fc.array(mention(entities), { maxLength: 15 }).map((rows) => Int32Array.from(rows.flat())),
          { maxLength: 20 },
        ),
      ),
    );
    fc.assert(
      fc.property(corpus, ([entityCount, articles]) => {
        const table = EntityArticles.build(entityCount, articles);
        for (let entity = -1; entity <= entityCount; entity++) {
          const inRange = entity >= 0 && entity < entityCount;
          const mentioned = articles.map((packed, article) => ({ article, count: [...packed].filter((n, k) => k % 4 === 0 && n === entity).length }));
          const want = inRange ? mentioned.filter((a) => a.count > 0).map((a) => a.article) : [];
          assert.deepEqual([...table.articles(entity)], want);
          assert.equal(table.articleCount(entity), want.length);
          assert.equal(table.mentionCount(entity), inRange ? mentioned.reduce((sum, a) => sum + a.count, 0) : 0);
        }
      }),
      { numRuns: 300 },
    );
  });
});
