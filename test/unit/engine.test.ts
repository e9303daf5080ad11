import * as assert from 'node:assert/strict';
import { writeFileSync, unlinkSync, readdirSync, mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { CorpusEngine } from '../../src/core/engine/engine';
import { copyOfSeeds } from './helpers';

/** An engine loaded with a copy of the seeds, and the first file of that copy. */
async function loadedCopyOfSeeds(): Promise<{ dir: string; engine: CorpusEngine; file: string }> {
  const dir = copyOfSeeds();
  const engine = new CorpusEngine();
  await engine.load([dir]);
  return { dir, engine, file: path.join(dir, readdirSync(dir)[0]) };
}

describe('the corpus engine', () => {
  it('loads, then applies create, change and delete with one change event each', async () => {
    const dir = copyOfSeeds();
    const engine = new CorpusEngine();
    let events = 0;
    engine.onDidChange(() => events++);
    await engine.load([dir]);
    assert.equal(engine.size, 5);
    const added = path.join(dir, 'new.txt');
    writeFileSync(added, 'A Brand New Story Title\n\nDamascus, SANA – Something happened on 5 May 2017.\n');
    await engine.update(added);
    assert.equal(engine.get(added)?.source, 'SANA');
    writeFileSync(added, 'A Changed Story Title\n\nBEIRUT (Reuters) – Changed.\n');
    await engine.update(added);
    assert.equal(engine.get(added)?.title, 'A Changed Story Title');
    unlinkSync(added);
    engine.remove(added);
    assert.equal(engine.size, 5);
    assert.equal(events, 4);
  });

  it('ignores files outside the corpus folders and non-article files', async () => {
    const dir = copyOfSeeds();
    const engine = new CorpusEngine();
    await engine.load([dir]);
    assert.equal(engine.contains(path.join(dir, 'x.txt')), true);
    assert.equal(engine.contains(path.join(dir, 'x.png')), false);
    assert.equal(engine.contains(path.join(path.dirname(dir), 'elsewhere.txt')), false);
    assert.deepEqual(await engine.update(path.join(path.dirname(dir), 'elsewhere.txt')), []);
  });

  it('drops an article whose file became unreadable and reports why', async () => {
    const { engine, file } = await loadedCopyOfSeeds();
    writeFileSync(file, '');
    const [problem] = await engine.update(file);
    assert.match(problem?.message ?? '', /empty/);
    assert.equal(engine.size, 4);
  });

  it('removes every article under a deleted folder', async () => {
    const dir = copyOfSeeds();
    const engine = new CorpusEngine();
    await engine.load([dir]);
    engine.remove(dir);
    assert.equal(engine.size, 0);
  });

  it('lets a load that starts while a file is being re-read decide what the corpus holds', async () => {
    const { engine, file } = await loadedCopyOfSeeds();
    writeFileSync(file, 'A Rewritten Story Title\n\nBEIRUT (Reuters) – Rewritten.\n');
    const updating = engine.update(file);
    await engine.load([]);
    await updating;
    assert.equal(engine.size, 0);
  });

  it('drops an update that started while a load was under way and the file left the corpus', async () => {
    const { engine, file } = await loadedCopyOfSeeds();
    const loading = engine.load([]);
    const updating = engine.update(file);
    await loading;
    await updating;
    assert.equal(engine.size, 0);
  });

  it('adds every article of a folder that appears in the corpus as one event', async () => {
    const dir = copyOfSeeds();
    const engine = new CorpusEngine();
    await engine.load([dir]);
    const folder = path.join(dir, 'copied', 'deeper');
    mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, 'a.txt'), 'A First Copied Story Headline\n\nBEIRUT (Reuters) – One.\n');
    writeFileSync(path.join(folder, 'b.txt'), '');
    const problems = await engine.update(path.join(dir, 'copied'));
    assert.equal(engine.size, 6);
    assert.equal(engine.get(path.join(folder, 'a.txt'))?.source, 'Reuters');
    assert.deepEqual(
      problems.map((p) => path.basename(p.path)),
      ['b.txt'],
    );
  });
});
