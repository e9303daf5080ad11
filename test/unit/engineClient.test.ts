import * as assert from 'node:assert/strict';
import { copyFileSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Readable } from 'node:stream';
import type { Worker } from 'node:worker_threads';
import { EngineClient } from '../../src/core/engine/engineClient';
import { saveSnapshot, showSnapshot } from '../../src/features/shared/treeSnapshot';
import { repoRoot, seedsDir, tempDir } from './helpers';

const workerFile = path.join(repoRoot, 'dist', 'engineWorker.js');

describe('EngineClient (the engine in a worker thread)', () => {
  let client: EngineClient;
  before(function () {
    if (!existsSync(workerFile)) throw new Error(`${workerFile} is missing: run npm run build first`);
  });
  beforeEach(() => (client = new EngineClient(workerFile)));
  afterEach(() => client.dispose());

  function copySeeds(): string {
    const dir = tempDir();
    for (const f of readdirSync(seedsDir)) copyFileSync(path.join(seedsDir, f), path.join(dir, f));
    return dir;
  }

  it('loads the seeds with progress, answers the tree a level at a time and searches in the worker', async () => {
    const progress: number[] = [];
    let changes = 0;
    client.onDidChange(() => changes++);
    const report = await client.load([seedsDir], { onProgress: (done) => progress.push(done) });
    assert.equal(report.parsed, 5);
    assert.equal(client.size, 5);
    assert.equal(changes, 1);
    assert.equal(progress.at(-1), 5);
    assert.equal((await client.summary(path.join(seedsDir, '000_24cedd494502b823.txt')))?.source, 'Sputnik');
    const sources = await client.treeChildren('source', []);
    assert.ok('groups' in sources);
    assert.deepEqual(
      sources.groups.map((g) => [g.label, g.count]),
      [
        ['EIR', 1],
        ['RFE/RL', 1],
        ['SANA', 1],
        ['Sputnik', 1],
        ['Unknown source', 1],
      ],
    );
    const dates = await client.treeChildren('source', ['Sputnik']);
    assert.ok('groups' in dates && dates.groups.length === 1);
    const articles = await client.treeChildren('source', ['Sputnik', dates.groups[0].key]);
    assert.ok('articles' in articles);
    assert.deepEqual(
      articles.articles.map((a) => path.basename(a.path)),
      ['000_24cedd494502b823.txt'],
    );
    assert.deepEqual(Object.keys(articles.articles[0]).sort(), ['date', 'path', 'source', 'title'], 'only summaries cross to the host');
    assert.deepEqual(await client.treeKeysOf('source', path.join(seedsDir, '000_24cedd494502b823.txt')), ['Sputnik', dates.groups[0].key]);
    assert.deepEqual(await client.treeChildren('source', ['No such source']), { groups: [] });
    const outcome = await client.search('Brahimi');
    assert.ok(outcome.ok);
    assert.deepEqual(
      outcome.hits.map((h) => path.basename(h.path)),
      ['002_36d8fbcc4219a082.txt'],
    );
    const malformed = await client.search('"unbalanced');
    assert.equal(malformed.ok, false);
  });

  /** How many functions named `name` the engine thread has made: a library's are made when its module is loaded. */
  async function functionsNamed(engine: EngineClient, name: RegExp): Promise<number> {
    // The worker is private: a heap snapshot is what shows which modules ran.
    const worker = (engine as unknown as { worker: Worker }).worker;
    const chunks: Buffer[] = [];
    for await (const chunk of (await worker.getHeapSnapshot()) as Readable) chunks.push(chunk as Buffer);
    const snapshot = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
      snapshot: { meta: { node_fields: string[]; node_types: [string[]] } };
      nodes: number[];
      strings: string[];
    };
    const fields = snapshot.snapshot.meta.node_fields;
    const [type, nameAt] = [fields.indexOf('type'), fields.indexOf('name')];
    const closure = snapshot.snapshot.meta.node_types[0].indexOf('closure');
    let count = 0;
    for (let i = 0; i < snapshot.nodes.length; i += fields.length)
      if (snapshot.nodes[i + type] === closure && name.test(snapshot.strings[snapshot.nodes[i + nameAt]])) count++;
    return count;
  }

  it('reopens a corpus from its cache without loading the parsing libraries, and loads them to read a file again', async function () {
    this.timeout(60_000);
    const cacheDir = tempDir();
    await client.load([seedsDir], { cacheDir });
    await client.saveCache();
    client.dispose();
    client = new EngineClient(workerFile);
    const report = await client.load([seedsDir], { cacheDir });
    assert.equal(report.fromCache, 5);
    // Bundled, Mozilla's Readability function may be renamed Readability2.
    const readability = /^Readability\d*$/;
    assert.equal(await functionsNamed(client, readability), 0, 'the HTML reader is not loaded');
    const read = await client.request('whatWasRead', path.join(seedsDir, '001_c7973225191394ad.txt'));
    assert.match(read?.title ?? '', /Lavrov/);
    assert.ok((await functionsNamed(client, readability)) > 0, 'reading a file again loads it');
  });

  /** A session on `dir` that saved its cache and its tree's snapshot, then closed. */
  async function closedSession(dir: string): Promise<{ cacheDir: string; file: string }> {
    const cacheDir = tempDir();
    const file = path.join(tempDir(), 'tree-snapshot.json');
    await client.load([dir], { cacheDir });
    await client.saveCache();
    await saveSnapshot(file, client);
    client.dispose();
    return { cacheDir, file };
  }

  it("shows the top of the last session's tree at once, and writes it again only when the new load changed it", async () => {
    const dir = copySeeds();
    const { cacheDir, file } = await closedSession(dir);
    client = new EngineClient(workerFile);
    const shown = await showSnapshot(file, client, [path.resolve(dir)]);
    assert.ok(shown);
    assert.equal(client.size, 5, 'the count is there before the load');
    const seeded = await client.treeChildren('date', []);
    assert.ok('groups' in seeded && seeded.groups.length > 0, 'and the top of the tree');
    await client.load([dir], { cacheDir });
    assert.deepEqual(await client.treeChildren('date', []), seeded);
    rmSync(file);
    await saveSnapshot(file, client, shown);
    assert.equal(existsSync(file), false, 'the tree it started with is not written again');
    writeFileSync(path.join(dir, 'wombats.txt'), 'Wombats Take the Capital\n\nBy Wombat News.\n');
    await client.update(path.join(dir, 'wombats.txt'));
    await saveSnapshot(file, client, shown);
    assert.equal((JSON.parse(readFileSync(file, 'utf8')) as { count: number }).count, 6);
  });

  it("replaces the snapshot's tree with the engine's once it has loaded: a file deleted between sessions", async () => {
    const dir = copySeeds();
    const { cacheDir, file } = await closedSession(dir);
    rmSync(path.join(dir, '000_24cedd494502b823.txt'));
    client = new EngineClient(workerFile);
    await showSnapshot(file, client, [path.resolve(dir)]);
    const before = await client.treeChildren('source', []);
    assert.ok('groups' in before && before.groups.some((g) => g.label === 'Sputnik'));
    await client.load([dir], { cacheDir });
    const after = await client.treeChildren('source', []);
    assert.ok('groups' in after && !after.groups.some((g) => g.label === 'Sputnik'));
    assert.equal(client.size, 4);
  });

  it('shows no snapshot of other folders, nor one of an earlier version', async () => {
    const dir = copySeeds();
    const { file } = await closedSession(dir);
    client = new EngineClient(workerFile);
    assert.equal(await showSnapshot(file, client, [path.resolve(seedsDir)]), undefined);
    writeFileSync(file, JSON.stringify({ folders: [path.resolve(dir)], articles: [] }));
    assert.equal(await showSnapshot(file, client, [path.resolve(dir)]), undefined);
    assert.equal(client.size, 0);
  });

  it('gives the first paragraphs of an article on request', async () => {
    await client.load([seedsDir]);
    const paragraphs = await client.paragraphs(path.join(seedsDir, '001_c7973225191394ad.txt'), 2);
    assert.equal(paragraphs.length, 2);
    assert.match(paragraphs[0].text, /^Lavrov/);
  });

  it('applies a created and a deleted file to the count and the tree', async () => {
    const dir = copySeeds();
    await client.load([dir]);
    const file = path.join(dir, 'wombats.txt');
    writeFileSync(file, 'Wombat Story Headline\n\nWombats everywhere.\n');
    assert.deepEqual(await client.update(file), []);
    assert.equal((await client.summary(file))?.title, 'Wombat Story Headline');
    assert.equal(client.size, 6);
    const undated = await client.treeChildren('date', [null]);
    assert.ok('groups' in undated && undated.groups.some((g) => g.label === 'Unknown source' && g.count === 2));
    await client.remove(file);
    assert.equal(await client.summary(file), undefined);
    assert.equal(client.size, 5);
  });

  it('stops a load that is cancelled, keeping what was shown', async () => {
    await client.load([seedsDir]);
    const controller = new AbortController();
    controller.abort();
    await client.load([copySeeds(), seedsDir], { signal: controller.signal });
    assert.equal(client.size, 5, 'the cancelled load replaced nothing');
  });

  it('rejects calls once disposed instead of hanging', async () => {
    client.dispose();
    await assert.rejects(client.search('Lavrov'), /disposed/);
  });

  it('restarts a crashed worker: the call in flight fails with the reason, listeners reload, the new worker answers', async () => {
    await client.load([seedsDir]);
    const restarted = new Promise<string>((resolve) => client.onDidRestart(resolve));
    client.simulateFault('crash');
    // Sent after the crash: the worker exits before it answers.
    const inFlight = client.search('Brahimi').then(
      () => 'answered',
      (error: Error) => error.message,
    );
    assert.match(await restarted, /the engine stopped \(exit code 70\)/);
    assert.match(await inFlight, /restarted it, try again/);
    await client.load([seedsDir]);
    const outcome = await client.search('Brahimi');
    assert.ok(outcome.ok && outcome.total === 1);
  });
});

describe('EngineClient watchdog', () => {
  it('restarts a worker that stops answering its heartbeat, and fails the calls waiting on it', async function () {
    this.timeout(20_000);
    const client = new EngineClient(workerFile, { heartbeatMs: 100, timeoutMs: 1_000 });
    try {
      await client.load([seedsDir]);
      const restarted = new Promise<string>((resolve) => client.onDidRestart(resolve));
      client.simulateFault('hang', 60_000);
      const waiting = client.search('Brahimi').then(
        () => 'answered',
        (error: Error) => error.message,
      );
      assert.match(await restarted, /stopped answering for \d+ s/);
      assert.match(await waiting, /restarted it/);
      assert.equal(client.size, 5, 'the tree keeps showing the articles while the corpus loads again');
    } finally {
      client.dispose();
    }
  });
});
