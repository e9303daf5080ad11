import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { asciiJson, readJsonCache, writeJsonAtomically } from '../../src/core/engine/stores/jsonFiles';
import { tempDir } from './helpers';

describe('the stores’ JSON files', () => {
  it('are written in ASCII and read back as the same values, whatever the text holds (any UTF-16, lone surrogates too)', () => {
    const text = fc.string({ unit: 'binary' });
    const value = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, text, fc.double({ noNaN: true }), fc.boolean(), fc.constant(null), tie('list'), tie('record')),
      list: fc.array(tie('node'), { maxLength: 4 }),
      record: fc.dictionary(text, tie('node'), { maxKeys: 4 }),
    })).node;
    fc.assert(
      fc.property(value, (data) => {
        const json = asciiJson(data);
        assert.match(json, /^[\x00-\x7e]*$/);
        assert.deepEqual(JSON.parse(json), JSON.parse(JSON.stringify(data)));
      }),
    );
  });

  it('keep a title past Latin-1 through a write and a read', async () => {
    const file = path.join(tempDir(), 'cache.json');
    const data = { version: 3, titles: ['Merkel’s “Energiewende” — 能源转型 😀', 'Plain'] };
    await writeJsonAtomically(file, data);
    assert.ok(!/[^\x00-\x7e]/.test(readFileSync(file, 'latin1')), 'the file is ASCII');
    assert.deepEqual(await readJsonCache(file, 3, () => true), { data });
  });
});
