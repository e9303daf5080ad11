import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { decodeText, UnreadableContentError } from '../../src/core/ingest/textDecoding';
import { parseOverrides } from '../../src/core/entities/overrides';
import { parseFrontMatter } from '../../src/core/ingest/frontMatter';
import { parseQuery } from '../../src/core/search/query';
import { parseSourceRules } from '../../src/core/ingest/sourceRules';

/** Runs `parse` and fails when it throws or takes longer than 100 ms. */
function quick<T>(parse: () => T): T {
  const started = performance.now();
  const result = parse();
  const ms = performance.now() - started;
  assert.ok(ms < 100, `took ${ms.toFixed(0)} ms`);
  return result;
}

const RUNS = { numRuns: 2000 };

/** Text built from the pieces a parser cares about, so that random inputs reach its corners. */
function piecesOf(pieces: string[]): fc.Arbitrary<string> {
  return fc
    .array(fc.oneof(fc.constantFrom(...pieces), fc.string({ maxLength: 6 }), fc.string({ unit: 'grapheme', maxLength: 4 })), { maxLength: 40 })
    .map((parts) => parts.join(''));
}

describe('parsers under thousands of random inputs (fast-check)', () => {
  it('the query language never throws or hangs, and explains what is wrong', () => {
    const query = piecesOf(['"', ' ', '-', 'OR', 'source:', 'date:', 'person:', 'org:', '2016', '..', '2016-13', 'lavrov', '(', ')', '*', '\\']);
    fc.assert(
      fc.property(query, (text) => {
        const result = quick(() => parseQuery(text));
        if (!result.ok) assert.ok(result.error.length > 5 && result.error.length < 300, result.error);
      }),
      RUNS,
    );
  });

  it('.corpus-lens/entities.json never throws or hangs, and names the line of a mistake', () => {
    const json = piecesOf([
      '{',
      '}',
      '[',
      ']',
      '"merge"',
      '"split"',
      '"rename"',
      '"retype"',
      '"hide"',
      ':',
      ',',
      '"Daesh"',
      '"person"',
      '// c\n',
      '\n',
      'null',
      '1',
    ]);
    fc.assert(
      fc.property(fc.oneof(json, fc.json()), (text) => {
        const result = quick(() => parseOverrides(text));
        if (!result.ok) assert.ok(result.line >= 1 && result.message.length > 5, JSON.stringify(result));
      }),
      RUNS,
    );
  });

  it('.corpus-lens/sources.json never throws or hangs, and names the line of a mistake', () => {
    const json = piecesOf([
      '[',
      ']',
      '{',
      '}',
      '"files"',
      '"source"',
      '"dates"',
      ':',
      ',',
      '"corpus/**"',
      '"2004..2005"',
      '"2005..2004"',
      '"BBC"',
      '\n',
      '"[a-"',
    ]);
    fc.assert(
      fc.property(fc.oneof(json, fc.json()), (text) => {
        const result = quick(() => parseSourceRules(text, '/work'));
        if (!result.ok) assert.ok(result.line >= 1 && result.message.length > 5, JSON.stringify(result));
      }),
      RUNS,
    );
  });

  it('front matter never throws or hangs: broken YAML is read as text', () => {
    const yaml = piecesOf(['---\n', '...\n', 'title: ', 'date: ', 'source: ', '&a ', '*a', '[', '{', '"', "'", '\n', '  ', '!!binary ', '2016-06-04', '- ']);
    fc.assert(
      fc.property(yaml, (text) => {
        const result = quick(() => parseFrontMatter(text));
        assert.equal(typeof result.body, 'string');
        assert.ok(result.bodyLine >= 0);
      }),
      RUNS,
    );
  });

  it('the decoders never throw but to say a file is binary, and never hang', () => {
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 400 }),
      fc.constantFrom(new Uint8Array([0xff, 0xfe]), new Uint8Array([0xfe, 0xff, 0x00]), new Uint8Array([0xef, 0xbb, 0xbf, 0xc3])),
      fc
        .tuple(fc.constantFrom([0xff, 0xfe], [0xfe, 0xff], [0xef, 0xbb, 0xbf], []), fc.uint8Array({ maxLength: 200 }))
        .map(([bom, rest]) => new Uint8Array([...bom, ...rest])),
    );
    fc.assert(
      fc.property(bytes, (input) => {
        try {
          const decoded = quick(() => decodeText(input));
          assert.ok(!decoded.text.includes('\r\n'));
        } catch (error) {
          assert.ok(error instanceof UnreadableContentError, String(error));
        }
      }),
      RUNS,
    );
  });
});
