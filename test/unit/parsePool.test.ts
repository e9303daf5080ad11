import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { CorpusEngine } from '../../src/core/engine/engine';
import { POOL_MIN_FILES } from '../../src/core/engine/parsePool';
import { repoRoot, tempDir } from './helpers';

const workerFile = path.join(repoRoot, 'dist', 'parseWorker.js');
const PEOPLE = ['Gordon Brown', 'Tony Blair', 'Sergei Lavrov', 'John Kerry'];

/** More files than the pool's threshold, each naming two people, one of them broken (a binary file). */
function poolCorpus(): string {
  const dir = tempDir();
  for (let i = 0; i < POOL_MIN_FILES + 50; i++) {
    const [a, b] = [PEOPLE[i % 4], PEOPLE[(i + 1) % 4]];
    writeFileSync(
      path.join(dir, `story-${i}.txt`),
      `Story Number ${i} Headline\n\nLONDON (Reuters) - ${a} met ${b} on ${1 + (i % 28)} May 2016 to talk about item ${i}.\n`,
    );
  }
  writeFileSync(path.join(dir, 'broken.txt'), Buffer.from([0, 1, 2, 3, 0, 0, 255, 0]));
  return dir;
}

describe('the parse pool (cold builds on all cores)', function () {
  this.timeout(60_000);

  it('reads, parses, indexes and names a corpus exactly as the engine does on its own thread', async () => {
    const dir = poolCorpus();
    const pooled = new CorpusEngine({ parseThreads: 2, parseWorkerFile: workerFile });
    const single = new CorpusEngine({ parseThreads: 1 });
    const [pooledReport, singleReport] = [await pooled.load([dir]), await single.load([dir])];
    assert.deepEqual(
      pooledReport.problems.map((p) => path.basename(p.path)),
      singleReport.problems.map((p) => path.basename(p.path)),
    );
    assert.equal(pooled.size, POOL_MIN_FILES + 50);
    const rows = (e: CorpusEngine) =>
      e
        .articles()
        .map((a) => JSON.stringify([a.path, a.title, a.source, a.date, e.paragraphs(a.path, 9)]))
        .sort();
    assert.deepEqual(rows(pooled), rows(single));
    const hits = async (e: CorpusEngine) => ((await e.search('Lavrov "item 7"', 1000)) as { hits: { path: string }[] }).hits.map((h) => h.path).sort();
    assert.deepEqual(await hits(pooled), await hits(single));
    // The names: recognized in the pool's threads for the pooled engine, in its own thread for the other.
    const [pooledNames, singleNames] = [await pooled.buildEntities(), await single.buildEntities()];
    assert.equal(pooledNames.recognized, singleNames.recognized);
    const entities = (e: CorpusEngine) =>
      e
        .entityList()
        .map((x) => `${x.name} ${x.articleCount} ${x.mentionCount}`)
        .sort();
    assert.deepEqual(entities(pooled), entities(single));
    assert.equal(pooled.entityList().find((e) => e.name === 'Gordon Brown')?.articleCount, (POOL_MIN_FILES + 50) / 2);
  });

  it("reads the files a failing pool thread had not finished on the engine's own thread, and says so", async () => {
    const dir = poolCorpus();
    const notices: string[] = [];
    const engine = new CorpusEngine({ parseThreads: 2, parseWorkerFile: path.join(tempDir(), 'no-such-worker.js') });
    engine.onDidChange((change) => change.kind === 'notice' && notices.push(change.message));
    await engine.load([dir]);
    assert.equal(engine.size, POOL_MIN_FILES + 50);
    assert.equal(notices.length, 1);
    assert.match(notices[0], /read again without it/);
  });
});
