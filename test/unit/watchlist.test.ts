import * as assert from 'node:assert/strict';
import { newMatches, parseWatchlist, type WatchResult } from '../../src/core/watch/watchlist';

describe('watchlists: .corpus-lens/watchlist.json', () => {
  it('reads names and queries with their lines, comments and trailing commas allowed', () => {
    const parsed = parseWatchlist('{\n  // people\n  "names": ["Lavrov", " Brahimi "],\n  "queries": ["\\"secret talks\\" -denied",],\n}');
    assert.ok(parsed.ok);
    assert.deepEqual(
      parsed.entries.map((e) => [e.kind, e.text, e.line]),
      [
        ['name', 'Lavrov', 3],
        ['name', 'Brahimi', 3],
        ['query', '"secret talks" -denied', 4],
      ],
    );
  });

  it('names the line of each kind of mistake', () => {
    const error = (text: string) => {
      const parsed = parseWatchlist(text);
      assert.ok(!parsed.ok);
      return `${parsed.line}: ${parsed.message}`;
    };
    assert.equal(error('{\n  "names": ["Lavrov"\n  "queries": []\n}'), '3: not valid JSON (CommaExpected)');
    assert.equal(error('{\n  "names": ["Lavrov",\n    42]\n}'), '3: each of "names" must be a non-empty string');
    assert.equal(error('{\n  "people": []\n}'), '2: unknown key "people" (expected names, queries)');
    assert.equal(error('{\n  "queries": [\n    "\\"unclosed"\n  ]\n}'), '3: the query "\\"unclosed": Unbalanced quote: add a closing " after "\\"unclosed"');
    assert.equal(error('["Lavrov"]'), '1: the watchlist must be an object: { "names": [...], "queries": [...] }');
  });

  it('tells which entries matched articles they had not matched at the last look', () => {
    const result = (text: string, paths: string[]): WatchResult => ({ entry: { kind: 'query', text, line: 1 }, paths });
    const previous = new Map([
      ['query:talks', new Set(['a', 'b'])],
      ['query:geneva', new Set(['a'])],
    ]);
    const fresh = newMatches(previous, [result('talks', ['a', 'b', 'c']), result('geneva', ['a']), result('new entry', ['x'])]);
    assert.deepEqual([...fresh], [['query:talks', ['c']]], 'an entry not looked at before has no news');
  });
});
