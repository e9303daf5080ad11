import * as assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { CorpusEngine } from '../../src/core/engine/engine';
import { datesSignature, storedStoriesFor } from '../../src/core/stories/storedStories';
import { clusterStories, storiesOf as storiesOfGroups } from '../../src/core/stories/stories';
import { storyFeatures } from '../../src/core/stories/storyFeatures';
import { seedsDir, tempDir } from './helpers';

async function storiesOf(folder: string): Promise<string[][]> {
  const engine = new CorpusEngine({ parseThreads: 1 });
  try {
    await engine.load([folder], { withoutSearch: true });
    await engine.buildEntities();
    return engine.stories().map((s) => s.articles.map((a) => path.relative(folder, a.path)).sort());
  } finally {
    engine.dispose();
  }
}

describe('stories: the same event across outlets', () => {
  it('the seeds: Sputnik (000) and SANA (001) report one press conference; 002, 003 and 004 stay apart', async () => {
    assert.deepEqual(await storiesOf(seedsDir), [['000_24cedd494502b823.txt', '001_c7973225191394ad.txt']]);
  });

  it('are clustered once the entities are built, before a hover card asks for them', async () => {
    const engine = new CorpusEngine({ parseThreads: 1 });
    try {
      await engine.load([seedsDir], { withoutSearch: true });
      await engine.buildEntities();
      await new Promise((resolve) => setTimeout(resolve, 200));
      const byPath = engine.entities.index.cached<Map<string, unknown> | undefined>('stories-by-path', () => undefined);
      assert.ok(byPath && byPath.size > 0, 'the stories were clustered after the build, without being asked');
    } finally {
      engine.dispose();
    }
  });

  it('exact copies of an article are one story with it, whatever their names', async () => {
    const folder = tempDir();
    for (const copy of ['a', 'b', 'c']) {
      mkdirSync(path.join(folder, copy));
      for (const file of readdirSync(seedsDir)) copyFileSync(path.join(seedsDir, file), path.join(folder, copy, file));
    }
    const stories = await storiesOf(folder);
    const sizes = stories.map((s) => s.length).sort();
    // Each of 002, 003, 004 with its two copies; 000 and 001 with theirs in one story.
    assert.deepEqual(sizes, [3, 3, 3, 6]);
  });

  it('two reports with full dates more than a few days apart are never one story', () => {
    const text = ['Lavrov and Kerry met in Geneva on Monday to discuss the ceasefire in Aleppo and the humanitarian corridors.'];
    const other = ['Lavrov and Kerry met in Geneva on Monday to discuss the ceasefire in Aleppo and the humanitarian corridors again.'];
    const features = [storyFeatures(text, ['Lavrov', 'Kerry', 'Geneva']), storyFeatures(other, ['Lavrov', 'Kerry', 'Geneva'])];
    const topics = [
      'football transfer striker',
      'weather storm flooding',
      'market shares bank',
      'film festival award',
      'election ballot voters',
      'mobile phone chip',
      'tennis final champion',
      'oil price barrel',
    ];
    const filler = topics.map((topic) => storyFeatures([`A report on ${topic} news.`]));
    const articles = (dates: (string | null)[]) => [
      ...features.map((f, i) => ({ path: `/c/${i}.txt`, date: dates[i], features: f })),
      ...filler.map((f, i) => ({ path: `/c/filler${i}.txt`, date: null, features: f })),
    ];
    assert.equal(clusterStories(articles(['2016-06-01', '2016-06-02'])).length, 1);
    assert.equal(clusterStories(articles(['2016-06-01', null])).length, 1, 'a missing date does not forbid a match');
    assert.equal(clusterStories(articles(['2016-06-01', '2016-09-01'])).length, 0);
  });
});

describe('stories stored by a database ingest, as a window takes them', () => {
  const toRelative = (absolute: string) => path.relative('/corpus', absolute);
  const articles = [
    { path: '/corpus/b.txt', date: '2016-06-04' },
    { path: '/corpus/a.txt', date: null },
    { path: '/corpus/c.txt', date: '2016' },
  ];

  it('are identified by every article path and date, in whatever order the window lists them', () => {
    const signature = datesSignature(articles, toRelative);
    assert.equal(datesSignature([...articles].reverse(), toRelative), signature);
    const moved = articles.map((a) => ({ ...a, path: a.path.replace('/corpus/', '/copy/') }));
    assert.equal(
      datesSignature(moved, (p) => path.relative('/copy', p)),
      signature,
      'a copy of the corpus elsewhere',
    );
    assert.notEqual(datesSignature([{ ...articles[0], date: '2016-06-05' }, ...articles.slice(1)], toRelative), signature, 'another date');
    assert.notEqual(datesSignature(articles.slice(1), toRelative), signature, 'one article fewer');
    assert.notEqual(datesSignature([{ ...articles[0], path: '/corpus/d.txt' }, ...articles.slice(1)], toRelative), signature, 'another path');
  });

  it('give the stories as clustering names them, only for the articles and dates they were clustered with', () => {
    const stored = { datesSignature: datesSignature(articles, toRelative), groups: [['/corpus/c.txt', '/corpus/a.txt'], ['/corpus/b.txt']], toRelative };
    const stories = storedStoriesFor(stored, articles);
    assert.deepEqual(stories, storiesOfGroups([['/corpus/a.txt', '/corpus/c.txt']]));
    assert.deepEqual(
      stories?.map((s) => s.paths),
      [['/corpus/a.txt', '/corpus/c.txt']],
      'sorted; a group of one is no story',
    );
    assert.equal(storedStoriesFor(stored, [{ ...articles[0], date: '2017' }, ...articles.slice(1)]), undefined);
  });
});
