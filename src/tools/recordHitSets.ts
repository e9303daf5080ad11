/**
 * `node dist/tools/recordHitSets.js`: writes test/fixtures/hitSets.json, every article each query
 * matches on the seeds and on a BBC sample. The unit test hitSets.test.ts compares the engine with
 * it, so a change to storage or indexing cannot change a search result unnoticed. Re-record only
 * when a change of results is intended, and say so in the commit.
 */
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { hitSetCorpora, recordHitSets } from '../../test/fixtures/hitSetCorpora';

async function main(): Promise<void> {
  const out: Record<string, Record<string, string[]>> = {};
  for (const corpus of hitSetCorpora()) out[corpus.name] = await recordHitSets(corpus);
  const file = path.resolve('test/fixtures/hitSets.json');
  writeFileSync(file, JSON.stringify(out, null, 1) + '\n');
  console.log(`wrote ${file}`);
}

void main();
