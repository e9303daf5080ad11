import * as assert from 'node:assert/strict';
import { writeFileSync, unlinkSync, readdirSync, mkdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { CorpusEngine } from '../../src/core/engine/engine';
import { TextStore } from '../../src/core/engine/stores/textStore';
import { writeJsonAtomically } from '../../src/core/engine/stores/jsonFiles';
import { corpusSource } from '../../src/core/db/corpusSource';
import { copyOfSeeds, seedsDir, tempDir } from './helpers';

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
    const events: string[] = [];
    engine.onDidChange((change) => events.push(change.kind === 'search' ? `search:${change.state.kind}` : change.kind));
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
    assert.deepEqual(events, ['search:loading', 'reset', 'search:ready', 'upsert', 'upsert', 'remove']);
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

describe('the lean engine', () => {
  it('saves one file several times at the same moment, each write whole, one of them kept', async () => {
    const file = path.join(tempDir(), 'cache', 'summaries.json');
    await Promise.all([1, 2, 3].map((n) => writeJsonAtomically(file, { n })));
    assert.ok([1, 2, 3].includes((JSON.parse(readFileSync(file, 'utf8')) as { n: number }).n));
    assert.deepEqual(readdirSync(path.dirname(file)), ['summaries.json'], 'no temporary file is left');
  });

  it("refuses to write into a closed text store, whose descriptor may already be another file's", () => {
    const dir = tempDir();
    const closed = new TextStore(path.join(dir, 'closed.bin'));
    closed.close();
    // Opened next, the other store is likely to get the closed one's descriptor number.
    const other = new TextStore(path.join(dir, 'other.bin'));
    assert.throws(() => closed.put([{ text: 'stray', line: 1 }]), /closed/);
    assert.equal(other.bytes, 0);
    assert.equal(readFileSync(path.join(dir, 'other.bin'), 'utf8'), '');
    other.close();
  });

  it('starts a load while another still reads files, and the first stops writing into the store the second closed', async () => {
    const dir = tempDir();
    for (let i = 0; i < 60; i++) writeFileSync(path.join(dir, `story-${i}.txt`), `Story number ${i} of the talks\n\nThe delegates met for round ${i}.\n`);
    const engine = new CorpusEngine({ parseThreads: 1 });
    let second: ReturnType<CorpusEngine['load']> | undefined;
    const first = engine.load([dir], {
      cacheDir: path.join(tempDir(), 'cache-a'),
      withoutSearch: true,
      // Another cache folder: the second load opens its own store and closes the first one's.
      onProgress: (done) => void (done >= 5 && (second ??= engine.load([dir], { cacheDir: path.join(tempDir(), 'cache-b'), withoutSearch: true }))),
    });
    await assert.doesNotReject(first);
    assert.ok(second, 'the second load started while the first read files');
    const report = await second;
    assert.equal(report.problems.length, 0);
    assert.equal(engine.size, 60);
    assert.deepEqual(
      engine.paragraphs(path.join(dir, 'story-42.txt'), 2).map((p) => p.text),
      ['Story number 42 of the talks', 'The delegates met for round 42.'],
    );
  });

  it('shows the saved articles before reading any file, then loads the search index', async () => {
    const dir = copyOfSeeds();
    const cacheDir = path.join(tempDir(), 'cache');
    await new CorpusEngine().load([dir], { cacheDir });
    const engine = new CorpusEngine();
    const seen: string[] = [];
    engine.onDidChange((change) => seen.push(change.kind === 'reset' ? `reset:${engine.size}` : change.kind));
    await engine.load([dir], { cacheDir });
    assert.equal(seen[0], 'reset:5', 'the first change is the tree from the summaries store');
    assert.equal(seen.filter((kind) => kind === 'reset:5').length, 2, 'and a second one after the files were checked');
    assert.equal(engine.searchState.kind, 'ready');
  });

  it('takes the changes made while no window was open: a file deleted, one changed, one added, one grown past the size limit', async () => {
    const dir = copyOfSeeds();
    const cacheDir = path.join(tempDir(), 'cache');
    await new CorpusEngine().load([dir], { cacheDir });
    const [deleted, changed, grown] = readdirSync(dir).sort();
    unlinkSync(path.join(dir, deleted));
    writeFileSync(path.join(dir, changed), 'Wombats Take the Capital\n\nA changed article.\n');
    writeFileSync(path.join(dir, 'added.txt'), 'Wombats Added Headline\n\nA new article.\n');
    writeFileSync(path.join(dir, grown), `Too Long Now\n\n${'word '.repeat(30_000)}\n`);
    const engine = new CorpusEngine({ maxFileBytes: 100_000 });
    const report = await engine.load([dir], { cacheDir });
    assert.deepEqual(
      engine
        .articles()
        .map((a) => path.basename(a.path))
        .sort(),
      readdirSync(dir)
        .filter((f) => f !== grown)
        .sort(),
    );
    assert.equal(engine.get(path.join(dir, changed))?.title, 'Wombats Take the Capital');
    assert.deepEqual([report.fromCache, report.parsed], [2, 2]);
    assert.equal(report.problems.length, 1, JSON.stringify(report.problems));
    const wombats = await engine.search('wombats');
    assert.ok(wombats.ok);
    assert.equal(wombats.total, 2);
  });

  it('answers searches while the index loads in the background, saying how far it got', async () => {
    const cacheDir = path.join(tempDir(), 'cache');
    await new CorpusEngine().load([seedsDir], { cacheDir });
    const engine = new CorpusEngine();
    const report = await engine.load([seedsDir], { cacheDir, searchInBackground: true });
    assert.equal(report.search.kind, 'loading');
    const early = await engine.search('Lavrov');
    assert.ok(!early.ok && early.loading && /^Loading the search index… \d+%$/.test(early.error), JSON.stringify(early));
    assert.equal((await engine.whenSearchable()).kind, 'ready');
    assert.ok((await engine.search('Lavrov')).ok);
  });

  it('keeps no article text in memory: a text store on disk gives it back', async () => {
    const cacheDir = path.join(tempDir(), 'cache');
    const engine = new CorpusEngine();
    await engine.load([seedsDir], { cacheDir });
    const files = readdirSync(cacheDir).sort();
    assert.deepEqual(
      files.filter((f) => !f.startsWith('text-')),
      ['index.json', 'summaries.json'],
    );
    assert.equal(files.filter((f) => /^text-.*\.bin$/.test(f)).length, 1);
    assert.ok(!readFileSync(path.join(cacheDir, 'summaries.json'), 'utf8').includes('Brahimi'), 'the summaries hold no text');
    const brahimi = engine.articles().find((a) => a.source === 'RFE/RL');
    assert.match(
      engine
        .paragraphs(brahimi?.path ?? '', 50)
        .map((p) => p.text)
        .join(' '),
      /Brahimi/,
    );
  });

  it('turns search off with one clear message when the index would pass the memory budget, and keeps the tree', async () => {
    const notices: string[] = [];
    const engine = new CorpusEngine({ memoryBudgetMB: 0.01 });
    engine.onDidChange((change) => change.kind === 'notice' && notices.push(change.message));
    const report = await engine.load([seedsDir]);
    assert.equal(engine.size, 5, 'the tree has every article');
    assert.equal(report.search.kind, 'off');
    const outcome = await engine.search('Lavrov');
    assert.ok(
      !outcome.ok && /5 articles, \d+ KB of text.*over the budget of 0\.01 MB.*corpusLens\.memoryBudgetMB/.test(outcome.error),
      JSON.stringify(outcome),
    );
    assert.equal(notices.length, 1);
    assert.match(engine.paragraphs(engine.articles()[0].path, 1)[0]?.text ?? '', /\w/, 'the text is still there for hovers');
  });

  it('reads every article back in the next sessions after its text file was compacted, and keeps one text file', async () => {
    const cacheDir = path.join(tempDir(), 'cache');
    const firstCopy = copyOfSeeds();
    const secondCopy = copyOfSeeds();
    const texts = async (folder: string) => {
      const engine = new CorpusEngine();
      const report = await engine.load([folder], { cacheDir, withoutSearch: true });
      const read = engine.articles().map((a) => engine.paragraphs(a.path, 50).length);
      engine.dispose();
      return { report, read };
    };
    // The corpus moved and moved back: every article is new each time, so most of the text file is superseded and compacted.
    for (const folder of [firstCopy, secondCopy, firstCopy, secondCopy]) await texts(folder);
    const again = await texts(secondCopy);
    assert.equal(again.report.parsed, 0, 'the last session read the corpus from the cache');
    assert.ok(again.read.length === 5 && again.read.every((n) => n > 0), `paragraphs read back per article: ${again.read}`);
    assert.equal(readdirSync(cacheDir).filter((f) => f.startsWith('text-')).length, 1);
  });

  it('rebuilds the store when its text file does not hold its articles (another file by that name)', async () => {
    const cacheDir = path.join(tempDir(), 'cache');
    await new CorpusEngine().load([seedsDir], { cacheDir, withoutSearch: true });
    const textFile = readdirSync(cacheDir).find((f) => f.startsWith('text-'))!;
    const size = readFileSync(path.join(cacheDir, textFile)).length;
    writeFileSync(path.join(cacheDir, textFile), 'x'.repeat(size));
    const engine = new CorpusEngine();
    const report = await engine.load([seedsDir], { cacheDir, withoutSearch: true });
    assert.match(report.cacheRebuilt ?? '', /text file that does not hold its articles' text/);
    assert.equal(report.parsed, 5);
    assert.match(engine.paragraphs(engine.articles()[0].path, 50)[0]?.text ?? '', /\w/);
  });

  it("says once that an article's text cannot be read back, refuses it to a database ingest, and rebuilds the cache next session", async () => {
    const cacheDir = path.join(tempDir(), 'cache');
    await new CorpusEngine().load([seedsDir], { cacheDir, withoutSearch: true });
    const summaries = JSON.parse(readFileSync(path.join(cacheDir, 'summaries.json'), 'utf8')) as {
      paths: string[];
      textFile: string;
      textAt: number[];
      textLength: number[];
    };
    // The second article's text is overwritten in place: the first, middle and last still read back.
    const textFile = path.join(cacheDir, summaries.textFile);
    const bytes = readFileSync(textFile);
    bytes.fill('x'.charCodeAt(0), summaries.textAt[1], summaries.textAt[1] + summaries.textLength[1]);
    writeFileSync(textFile, bytes);
    const engine = new CorpusEngine();
    const notices: string[] = [];
    engine.onDidChange((change) => change.kind === 'notice' && notices.push(change.message));
    await engine.load([seedsDir], { cacheDir, withoutSearch: true });
    const source = corpusSource(engine, seedsDir);
    assert.ok(source.read(path.basename(summaries.paths[0])), 'an intact article is given');
    assert.throws(() => source.read(path.basename(summaries.paths[1])), /cannot be read back from .*the cache is rebuilt by the next run/);
    engine.paragraphs(summaries.paths[1], 50);
    assert.equal(notices.length, 1, 'the user is told once');
    assert.match(notices[0], /cannot be read back.*show no text until the corpus is read again/);
    const next = await new CorpusEngine().load([seedsDir], { cacheDir, withoutSearch: true });
    assert.equal(next.parsed, 5);
  });

  it('rebuilds the store when its text file was deleted', async () => {
    const cacheDir = path.join(tempDir(), 'cache');
    await new CorpusEngine().load([seedsDir], { cacheDir });
    for (const f of readdirSync(cacheDir)) if (f.startsWith('text-')) unlinkSync(path.join(cacheDir, f));
    const engine = new CorpusEngine();
    const report = await engine.load([seedsDir], { cacheDir });
    assert.match(report.cacheRebuilt ?? '', /lost its text file/);
    assert.equal(report.parsed, 5);
    assert.ok((await engine.search('Brahimi')).ok);
  });
});
