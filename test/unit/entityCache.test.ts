import * as assert from 'node:assert/strict';
import { appendFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { CorpusEngine } from '../../src/core/engine/engine';
import type { NamesCache } from '../../src/core/entities/corpusEntities';
import { NamesByPath, type StoredNames } from '../../src/core/entities/storedNames';
import type { Paragraph } from '../../src/core/types';
import { copyOfSeeds, tempDir } from './helpers';

/** An article's file stamp as the engine's store has it. */
function stampOf(engine: CorpusEngine, filePath: string): { size: number; mtimeMs: number } {
  const article = engine.get(filePath);
  return { size: article?.size ?? 0, mtimeMs: article?.mtimeMs ?? 0 };
}

/** A names cache as a database's names are read: each article's part in the index's typed arrays. */
function stored(cache: NamesCache): StoredNames {
  const files = new NamesByPath();
  for (const [filePath, entry] of Object.entries(cache.files)) files.set(filePath, entry, entry, entry.mentions);
  return { ...cache, files };
}

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

  it('restores the word counts too: a change after a session from the cache reads only the changed article (and loads the recognizer only then)', async () => {
    const dir = copyOfSeeds();
    const cacheDir = path.join(tempDir(), 'cache');
    const first = new CorpusEngine();
    await first.load([dir], { cacheDir });
    await first.buildEntities();
    await first.saveCache();

    const { CorpusEntities } = await import('../../src/core/entities/corpusEntities');
    const engine = new CorpusEngine();
    await engine.load([dir], { cacheDir });
    const read: string[] = [];
    const edited = new Map<string, Paragraph[]>();
    const entities = new CorpusEntities((p) => (read.push(path.basename(p)), edited.get(p) ?? engine.get(p)?.paragraphs ?? []));
    const report = await entities.build(
      engine.articles().map((a) => ({ ...a, ...stampOf(engine, a.path) })),
      { cacheFile: path.join(cacheDir, 'names.json') },
    );
    assert.equal(report.fromCache, 5);
    assert.deepEqual(read, [], 'a restore reads no text');
    assert.equal(entities.recognizerLoaded, false, 'nor the 15 MB of the recognizer: nothing is recognized');
    const changed = engine.get(path.join(dir, '000_24cedd494502b823.txt'));
    assert.ok(changed);
    const before = entities.index.list().length;
    // A sentence without names: the entities stay as they are, so nothing but the changed article needs reading.
    const paragraphs = [...changed.paragraphs, { text: 'It rained all day in the city.', line: 99 }];
    edited.set(changed.path, paragraphs);
    entities.update([{ article: { ...changed, paragraphs }, previous: changed.paragraphs.map((p) => p.text) }], [], false);
    entities.index.settle();
    assert.deepEqual([...new Set(read)], ['000_24cedd494502b823.txt'], 'no pass over every text to count its words');
    assert.equal(entities.recognizerLoaded, true, 'the changed article was recognized');
    assert.equal(entities.index.list().length, before);
  });

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
    for (const summary of second.articles())
      assert.deepEqual(
        Object.keys(second.entities.index.namesOf(summary.path) ?? {}).filter((k) => !['names', 'acronyms', 'quotes', 'story'].includes(k)),
        [],
        'an article restored from the cache keeps its names only, not the stamp and mentions stored beside them',
      );

    appendFileSync(path.join(dir, '000_24cedd494502b823.txt'), '\nJohn Kerry said so too.\n');
    const third = await engineOn(dir);
    const changed = await third.buildEntities({ cacheFile });
    assert.deepEqual([changed.recognized, changed.fromCache], [1, 4]);
    assert.equal(third.entities.index.find('Kerry')?.articleCount, 3);
  });

  it('keeps what a build found for a cache or a database when other threads recognized every article', async () => {
    const dir = copyOfSeeds();
    const engine = await engineOn(dir);
    const { CorpusEntities } = await import('../../src/core/entities/corpusEntities');
    const entities = new CorpusEntities((p) => engine.get(p)?.paragraphs ?? []);
    const kerry = { names: [{ type: 'PER' as const, text: 'John Kerry' }], acronyms: [] };
    const report = await entities.build(
      engine.articles().map((a) => ({ ...a, ...stampOf(engine, a.path) })),
      { recognizeMany: async (paths, visit) => paths.forEach((p) => visit(p, kerry)) },
    );
    assert.equal(report.recognized, 5);
    assert.equal(entities.recognizerLoaded, false, 'this thread recognized nothing');
    const snapshot = entities.snapshot();
    assert.equal(snapshot?.model, entities.modelVersion);
    assert.equal(Object.keys(snapshot?.files ?? {}).length, 5);
  });

  it('takes names stored for every article as they are, and resolves the corpus from them with the one article that changed', async () => {
    const dir = copyOfSeeds();
    const first = await engineOn(dir);
    await first.buildEntities();
    const snapshot = first.entities.snapshot()!;
    const second = await engineOn(dir);
    const report = await second.buildEntities({ preloaded: stored(snapshot) });
    assert.deepEqual([report.recognized, report.fromStored], [0, 5]);
    assert.deepEqual(table(second), table(first));
    assert.deepEqual(
      second.entityCard(first.entities.index.find('Lavrov')!.id, { limit: 5, related: 5 }),
      first.entityCard(first.entities.index.find('Lavrov')!.id, { limit: 5, related: 5 }),
    );

    appendFileSync(path.join(dir, '003_53251bd098308f0e.txt'), '\n\nWilhelmina Quarrington, a spokeswoman for the ministry, said the talks would go on.\n');
    const third = await engineOn(dir);
    const again = await third.buildEntities({ preloaded: stored(snapshot) });
    assert.deepEqual([again.recognized, again.fromStored], [1, 4]);
    const fresh = await engineOn(dir);
    await fresh.buildEntities();
    assert.deepEqual(table(third), table(fresh));
    assert.equal(third.entities.index.find('Wilhelmina Quarrington')?.type, 'person');
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
