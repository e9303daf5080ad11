import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { CorpusEngine } from '../../src/core/engine/engine';
import { hitSetCorpora, recordHitSets } from '../fixtures/hitSetCorpora';
import { repoRoot, tempDir } from './helpers';

/** Recorded before the lean engine (src/tools/recordHitSets.ts): the storage changed, the results must not. */
const recorded = JSON.parse(readFileSync(path.join(repoRoot, 'test', 'fixtures', 'hitSets.json'), 'utf8')) as Record<string, Record<string, string[]>>;

describe('search results (hit sets recorded before the lean engine)', function () {
  this.timeout(60_000);
  for (const corpus of hitSetCorpora()) {
    it(`are the same on ${corpus.name}, built from the files`, async () => {
      assert.deepEqual(await recordHitSets(corpus), recorded[corpus.name]);
    });

    it(`are the same on ${corpus.name}, in a new session from the cache`, async () => {
      const cacheDir = path.join(tempDir(), 'cache');
      await new CorpusEngine().load([corpus.folder], { cacheDir });
      const session = new CorpusEngine();
      const report = await session.load([corpus.folder], { cacheDir });
      assert.equal(report.parsed, 0, 'every article came from the cache');
      assert.deepEqual(await recordHitSets(corpus, session), recorded[corpus.name]);
    });
  }
});
