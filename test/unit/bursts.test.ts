import * as assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { CorpusEngine } from '../../src/core/engine/engine';
import { FileEventQueue } from '../../src/features/shared/fileEventQueue';
import { copyOfSeeds } from './helpers';

const story = (i: number, person: string) =>
  `Story number ${i} of the burst\n\nLONDON (Reuters) – ${person} spoke about item ${i}.\n\nMr ${person.split(' ')[1]} said it again.\n`;

describe('a burst of file events', () => {
  it('sends one batch per pause, each path with its last event only', async () => {
    const batches: [string[], string[]][] = [];
    const queue = new FileEventQueue(async (updated, removed) => void batches.push([updated, removed]));
    for (let i = 0; i < 2000; i++) queue.add(`/c/${i % 700}.txt`, i % 3 === 0 ? 'removed' : 'updated');
    await queue.flush();
    assert.equal(batches.length, 1);
    const [updated, removed] = batches[0];
    assert.equal(updated.length + removed.length, 700, 'each path once');
    assert.ok(removed.includes('/c/698.txt'), 'event 1398, a removal, is the last for 698');
    assert.ok(updated.includes('/c/599.txt') && !removed.includes('/c/599.txt'), 'event 1999, a change, is the last for 599');
    queue.dispose();
  });

  it('ends, after 2,000 files created, changed and deleted in one go, where a fresh load of the folder ends', async function () {
    this.timeout(120_000);
    const dir = copyOfSeeds();
    const engine = new CorpusEngine();
    await engine.load([dir]);
    await engine.buildEntities();
    const created: string[] = [];
    for (let i = 0; i < 1000; i++) {
      const file = path.join(dir, `burst-${i}.txt`);
      writeFileSync(file, story(i, i % 2 ? 'Gordon Brown' : 'Tony Blair'));
      created.push(file);
    }
    for (let i = 0; i < 500; i++) writeFileSync(created[i], story(i, 'Wes Brown'));
    const deleted = created.slice(500, 1000).filter((_, i) => i % 2 === 0);
    deleted.forEach((file) => rmSync(file));
    rmSync(path.join(dir, '000_24cedd494502b823.txt'));
    const events = new Map<string, 'updated' | 'removed'>();
    created.forEach((f) => events.set(f, 'updated'));
    [...deleted, path.join(dir, '000_24cedd494502b823.txt')].forEach((f) => events.set(f, 'removed'));
    const updated = [...events].filter(([, e]) => e === 'updated').map(([f]) => f);
    const removed = [...events].filter(([, e]) => e === 'removed').map(([f]) => f);
    const problems = await engine.applyFileEvents(updated, removed);
    assert.deepEqual(problems, []);
    engine.settleEntities();

    const fresh = new CorpusEngine();
    await fresh.load([dir]);
    await fresh.buildEntities();
    const summary = (e: CorpusEngine) =>
      e
        .articles()
        .map((a) => `${a.path} ${a.title} ${a.source} ${a.date}`)
        .sort();
    assert.deepEqual(summary(engine), summary(fresh));
    const entities = (e: CorpusEngine) =>
      e.entities.index
        .list()
        .map((x) => `${x.id} ${x.articleCount} ${x.mentionCount}`)
        .sort();
    assert.deepEqual(entities(engine), entities(fresh));
    assert.equal(engine.size, 4 + 750);
  });
});

describe('caches under faults', () => {
  it('leaves the old or the new cache, never a broken one, when the writer is killed at random moments', async function () {
    this.timeout(60_000);
    const { spawn } = await import('node:child_process');
    const { readFileSync, readdirSync } = await import('node:fs');
    const { repoRoot, tempDir } = await import('./helpers');
    const dir = tempDir();
    const file = path.join(dir, 'cache.json');
    const writer = path.join(repoRoot, 'dist', 'test', 'fixtures', 'writeCacheForever.js');
    for (let attempt = 0; attempt < 8; attempt++) {
      const child = spawn(process.execPath, [writer, file], { stdio: ['ignore', 'pipe', 'inherit'] });
      await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 200));
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));
      const data = JSON.parse(readFileSync(file, 'utf8')) as { round: number; articles: unknown[] };
      assert.equal(data.articles.length, 3000, `attempt ${attempt}: a whole cache`);
    }
    assert.ok(readdirSync(dir).some((f) => f === 'cache.json'));
  });

  it('runs without a cache, and says so once, when the cache cannot be written', async () => {
    const { tempDir, seedsDir } = await import('./helpers');
    const blocker = path.join(tempDir(), 'a-file');
    writeFileSync(blocker, 'not a folder');
    const engine = new CorpusEngine();
    const report = await engine.load([seedsDir], { cacheDir: path.join(blocker, 'cache') });
    assert.equal(engine.size, 5, 'the corpus is loaded all the same');
    assert.match(report.cacheUnwritable ?? '', /cannot be written \((EEXIST|ENOTDIR)/);
    assert.equal(report.cacheRebuilt, undefined, 'a cache that cannot exist is not reported as rebuilt');
    await engine.buildEntities({ cacheFile: path.join(blocker, 'entities.json') }).then((r) => assert.match(r.cacheUnwritable ?? '', /cannot be written/));
  });
});

describe('a cache write that fails later', () => {
  it('is said once, as a notice, and the engine goes on without its cache', async function () {
    this.timeout(20_000);
    const { tempDir } = await import('./helpers');
    const { mkdirSync } = await import('node:fs');
    const dir = copyOfSeeds();
    const cacheDir = path.join(tempDir(), 'cache');
    mkdirSync(cacheDir);
    const engine = new CorpusEngine();
    await engine.load([dir], { cacheDir });
    rmSync(cacheDir, { recursive: true });
    writeFileSync(cacheDir, 'now a file: the cache cannot be written');
    const notices: string[] = [];
    engine.onDidChange((change) => change.kind === 'notice' && notices.push(change.message));
    writeFileSync(path.join(dir, 'new.txt'), 'A New Story Headline\n\nText.\n');
    await engine.update(path.join(dir, 'new.txt'));
    await new Promise((resolve) => setTimeout(resolve, 2500));
    await engine.update(path.join(dir, 'new.txt'));
    await new Promise((resolve) => setTimeout(resolve, 2500));
    assert.equal(notices.length, 1, notices.join('\n'));
    assert.match(notices[0], /cannot be written/);
    engine.dispose();
  });
});
