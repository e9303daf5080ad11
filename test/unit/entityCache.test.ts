import * as assert from 'node:assert/strict';
import { appendFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { CorpusEngine } from '../../src/core/engine/engine';
import { copyOfSeeds, tempDir } from './helpers';

describe('the entities cache', function () {
  this.timeout(30_000);

  async function engineOn(dir: string): Promise<CorpusEngine> {
    const engine = new CorpusEngine();
    await engine.load([dir]);
    return engine;
  }

  const table = (engine: CorpusEngine) =>
    engine.entities.index
      .list()
      .map((e) => `${e.name}:${e.articleCount}:${e.mentionCount}`)
      .sort();

  it('gives the same entities from the cache, re-recognizing only the files that changed', async () => {
    const dir = copyOfSeeds();
    const cacheFile = path.join(tempDir(), 'entities.json');
    const first = await engineOn(dir);
    const cold = await first.buildEntities({ cacheFile });
    assert.deepEqual([cold.recognized, cold.fromCache], [5, 0]);

    const second = await engineOn(dir);
    const warm = await second.buildEntities({ cacheFile });
    assert.deepEqual([warm.recognized, warm.fromCache], [0, 5]);
    assert.deepEqual(table(second), table(first));
    assert.equal(second.entities.index.find('Kerry')?.articleCount, 2);

    appendFileSync(path.join(dir, '000_24cedd494502b823.txt'), '\nJohn Kerry said so too.\n');
    const third = await engineOn(dir);
    const changed = await third.buildEntities({ cacheFile });
    assert.deepEqual([changed.recognized, changed.fromCache], [1, 4]);
    assert.equal(third.entities.index.find('Kerry')?.articleCount, 3);
  });

  it('rebuilds a corrupt cache and says why', async () => {
    const dir = copyOfSeeds();
    const cacheFile = path.join(tempDir(), 'entities.json');
    writeFileSync(cacheFile, '{"version": 2, "files": {');
    const engine = await engineOn(dir);
    const report = await engine.buildEntities({ cacheFile });
    assert.match(report.cacheRebuilt ?? '', /corrupt/);
    assert.equal(report.recognized, 5);
    assert.equal(engine.entities.index.find('Lavrov')?.articleCount, 5);
  });

  it('does not take cached entities made with other corrections', async () => {
    const dir = copyOfSeeds();
    const cacheFile = path.join(tempDir(), 'entities.json');
    await (await engineOn(dir)).buildEntities({ cacheFile });
    const engine = await engineOn(dir);
    assert.ok(engine.setEntityOverrides('{ "merge": [["Daesh", "ISIS"]] }').ok);
    await engine.buildEntities({ cacheFile });
    assert.deepEqual([...(engine.entities.index.find('ISIS')?.aliases ?? [])].sort(), ['Daesh', 'ISIS']);
  });
});
