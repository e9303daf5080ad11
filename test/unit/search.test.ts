import * as assert from 'node:assert/strict';
import { mkdirSync, writeFileSync, utimesSync } from 'node:fs';
import * as path from 'node:path';
import { CorpusEngine, type SearchOutcome } from '../../src/core/engine/engine';
import { copyOfSeeds, seedsDir, tempDir } from './helpers';

function ok(outcome: SearchOutcome) {
  if (!outcome.ok) throw new Error(outcome.error);
  return outcome;
}

function files(outcome: SearchOutcome): string[] {
  return ok(outcome)
    .hits.map((h) => path.basename(h.path))
    .sort();
}

describe('searching the seeds', () => {
  const engine = new CorpusEngine();
  before(() => engine.load([seedsDir]));

  it('finds the articles that deny secret talks for "secret negotiations"', async () => {
    assert.deepEqual(files(await engine.search('secret negotiations')), ['000_24cedd494502b823.txt', '001_c7973225191394ad.txt', '002_36d8fbcc4219a082.txt']);
  });
  it('finds exactly the articles containing the phrase "Security Council"', async () => {
    assert.deepEqual(files(await engine.search('"Security Council"')), [
      '000_24cedd494502b823.txt',
      '001_c7973225191394ad.txt',
      '002_36d8fbcc4219a082.txt',
      '003_53251bd098308f0e.txt',
    ]);
  });
  it('checks word order for phrases, which minisearch ignores', async () => {
    assert.deepEqual(files(await engine.search('"Council Security"')), []);
  });
  it('finds the RFE/RL article for Brahimi', async () => {
    const hits = ok(await engine.search('Brahimi')).hits;
    assert.deepEqual(
      hits.map((h) => h.source),
      ['RFE/RL'],
    );
    assert.match(hits[0].snippet.text, /Brahimi/);
  });
  it('still finds Lavrov when typed "Lavorv"', async () => {
    assert.equal(ok(await engine.search('Lavorv')).total, 5);
  });
  it('matches the last word as a prefix while typing', async () => {
    const typing = { typing: true };
    assert.ok(ok(await engine.search('Brah', 50, typing)).total >= 1);
    assert.equal(ok(await engine.search('Brah Lavrov', 50, typing)).total, 0, 'only the last term is a prefix');
  });
  it('matches whole words once the query is confirmed, and a quoted word exactly even while typing', async () => {
    assert.equal(ok(await engine.search('Brah')).total, 0, 'no prefix for a confirmed query (the CLI, Enter)');
    assert.deepEqual(
      files(await engine.search('secret', 50, { typing: true })),
      ['000_24cedd494502b823.txt', '001_c7973225191394ad.txt', '002_36d8fbcc4219a082.txt', '003_53251bd098308f0e.txt', '004_732f6ac769fbedc7.txt'],
      'secretary too, while typing',
    );
    const exact = ['000_24cedd494502b823.txt', '001_c7973225191394ad.txt', '002_36d8fbcc4219a082.txt'];
    assert.deepEqual(files(await engine.search('"secret"', 50, { typing: true })), exact);
    assert.deepEqual(files(await engine.search('secret')), exact);
  });
  it('excludes words and phrases', async () => {
    assert.deepEqual(files(await engine.search('Lavrov -Kerry')), ['000_24cedd494502b823.txt', '001_c7973225191394ad.txt', '002_36d8fbcc4219a082.txt']);
    assert.deepEqual(files(await engine.search('Lavrov -"Security Council"')), ['004_732f6ac769fbedc7.txt']);
  });
  it('combines OR alternatives', async () => {
    assert.deepEqual(files(await engine.search('Brahimi OR Toner')), ['002_36d8fbcc4219a082.txt', '003_53251bd098308f0e.txt']);
  });
  it('filters by source and date, also without words', async () => {
    assert.deepEqual(files(await engine.search('source:sputnik')), ['000_24cedd494502b823.txt']);
    assert.deepEqual(files(await engine.search('source:unknown')), ['004_732f6ac769fbedc7.txt']);
    assert.deepEqual(files(await engine.search('Lavrov date:2016')), ['003_53251bd098308f0e.txt']);
    assert.deepEqual(files(await engine.search('date:2016-01..2021-12')), ['000_24cedd494502b823.txt', '003_53251bd098308f0e.txt']);
  });
  it('counts facets for the matching articles', async () => {
    const { facets } = ok(await engine.search('Lavrov'));
    assert.equal(facets.sources.length, 5);
    assert.deepEqual(
      facets.years.find(([y]) => y === 'Undated'),
      ['Undated', 3],
    );
  });
  it('gives each hit a snippet with marked terms and the line of the match', async () => {
    const hit = ok(await engine.search('Toner')).hits[0];
    assert.match(hit.snippet.text, /Mark Toner confirmed/);
    const [start, end] = hit.snippet.highlights[0];
    assert.equal(hit.snippet.text.slice(start, end), 'Toner');
    assert.equal(hit.snippet.line, 7);
  });
  it('marks fuzzy matches as they appear in the text', async () => {
    const hit = ok(await engine.search('Lavorv')).hits[0];
    const marked = hit.snippet.highlights.map(([s, e]) => hit.snippet.text.slice(s, e).toLowerCase());
    assert.ok(
      marked.every((m) => m.startsWith('lavrov')),
      marked.join(),
    );
  });
  it('answers a malformed query with a message', async () => {
    const outcome = await engine.search('"unbalanced');
    assert.equal(outcome.ok, false);
  });
});

describe('the search cache', () => {
  it('reuses unchanged files and re-reads only changed, added and removed ones', async () => {
    const dir = copyOfSeeds();
    const cacheDir = path.join(tempDir(), 'cache');
    const first = await new CorpusEngine().load([dir], { cacheDir });
    assert.deepEqual([first.fromCache, first.parsed], [0, 5]);

    const changed = path.join(dir, '003_53251bd098308f0e.txt');
    writeFileSync(changed, 'Zanzibar Headline Story\n\nZanzibar is the only topic here.\n');
    utimesSync(changed, new Date(), new Date(Date.now() + 5000));
    writeFileSync(path.join(dir, 'added.txt'), 'Another Added Story\n\nQuokka sightings rise.\n');
    const engine = new CorpusEngine();
    const second = await engine.load([dir], { cacheDir });
    assert.deepEqual([second.fromCache, second.parsed], [4, 2]);
    assert.equal(ok(await engine.search('Zanzibar')).total, 1);
    assert.equal(ok(await engine.search('Toner')).total, 0, 'the old text of the changed file is gone from the index');
    assert.equal(ok(await engine.search('Quokka')).total, 1);
    assert.equal(ok(await engine.search('Brahimi')).hits[0].snippet.text.includes('Brahimi'), true, 'cached articles still give snippets');
  });

  it('rebuilds a corrupt cache and says so', async () => {
    const dir = copyOfSeeds();
    const cacheDir = path.join(tempDir(), 'cache');
    mkdirSync(cacheDir);
    writeFileSync(path.join(cacheDir, 'summaries.json'), '{"version": 4, "articles": [');
    const engine = new CorpusEngine();
    const report = await engine.load([dir], { cacheDir });
    assert.match(report.cacheRebuilt ?? '', /corrupt/);
    assert.equal(report.parsed, 5);
    const again = await new CorpusEngine().load([dir], { cacheDir });
    assert.deepEqual([again.fromCache, again.parsed, again.cacheRebuilt], [5, 0, undefined]);
  });

  it('rebuilds a cache from another version', async () => {
    const dir = copyOfSeeds();
    const cacheDir = path.join(tempDir(), 'cache');
    mkdirSync(cacheDir);
    writeFileSync(path.join(cacheDir, 'summaries.json'), JSON.stringify({ version: 1, articles: [], index: {} }));
    const report = await new CorpusEngine().load([dir], { cacheDir });
    assert.match(report.cacheRebuilt ?? '', /another version/);
  });

  it('keeps the index current on update and remove', async () => {
    const dir = copyOfSeeds();
    const engine = new CorpusEngine();
    await engine.load([dir]);
    const file = path.join(dir, 'new.txt');
    writeFileSync(file, 'Wombat Story Headline\n\nWombats everywhere.\n');
    await engine.update(file);
    assert.equal(ok(await engine.search('wombats')).total, 1);
    engine.remove(file);
    assert.equal(ok(await engine.search('wombats')).total, 0);
  });
});

describe('searching by person and organization', function () {
  this.timeout(30_000);
  const engine = new CorpusEngine();

  it('explains that person: waits for the entities, then filters by any alias', async () => {
    await engine.load([seedsDir]);
    const early = await engine.search('person:kerry');
    assert.equal(early.ok, false);
    await engine.buildEntities();
    assert.deepEqual(files(await engine.search('person:kerry')), ['003_53251bd098308f0e.txt', '004_732f6ac769fbedc7.txt']);
    assert.deepEqual(
      files(await engine.search('person:"Sergey Lavrov" org:"Jabhat al-Nusra" geneva')),
      files(await engine.search('org:"Nusra Front" lavrov geneva')),
    );
    assert.deepEqual(files(await engine.search('geneva person:Kerry source:unknown')), ['004_732f6ac769fbedc7.txt']);
  });

  it('says when no such person or organization exists, or the type is wrong', async () => {
    const missing = await engine.search('person:"Nobody Atall"');
    assert.equal(missing.ok ? '' : missing.error, 'no person called "Nobody Atall" in the corpus');
    assert.equal((await engine.search('org:Kerry')).ok, false);
  });

  it('offers the people and organizations of the results as facets', async () => {
    const outcome = ok(await engine.search('person:kerry', 50, { entityFacets: true }));
    assert.deepEqual(
      outcome.facets.people?.find(([name]) => name === 'Sergei Lavrov'),
      ['Sergei Lavrov', 2],
    );
    assert.ok(outcome.facets.organizations?.some(([name]) => name === 'Reuters'));
    assert.equal(ok(await engine.search('person:kerry')).facets.people, undefined, 'only asked for by the search panel');
  });
});
