import * as assert from 'node:assert/strict';
import { appendFileSync } from 'node:fs';
import * as path from 'node:path';
import type { EngineOptions } from '../../src/core/engine/engine';
import { corpusSource, pathMapping } from '../../src/core/db/corpusSource';
import { ingest } from '../../src/core/db/pgIngest';
import { storeCorpusNames } from '../../src/core/db/pgNames';
import { grantReader } from '../../src/core/db/pgSchema';
import { parseSourceRules } from '../../src/core/ingest/sourceRules';
import type { StoryInfo } from '../../src/core/stories/corpusStories';
import { createCorpusDatabase } from '../../src/tools/pgServer';
import { hitSetCorpora } from '../fixtures/hitSetCorpora';
import { copyOfSeeds } from './helpers';
import { pgHarness } from './pgHarness';

/** Stories as sets of articles, in a stable order, to compare two windows' (ties in size and title may come in either order). */
const grouped = (stories: StoryInfo[]) =>
  stories.map((s) => ({ id: s.id, paths: s.articles.map((a) => a.path).sort() })).sort((a, b) => a.id.localeCompare(b.id));

describe('stories in the PostgreSQL backend (a real server)', function () {
  this.timeout(180_000);
  const pg = pgHarness();
  const { connect, engineOn } = pg;

  async function indexedCorpus(name: string, folder: string) {
    const database = await createCorpusDatabase(pg.server, name);
    const ingesting = engineOn();
    await ingesting.load([folder]);
    const writer = await connect(database.ingestUrl);
    await ingest(writer, corpusSource(ingesting, folder));
    const names = await storeCorpusNames(
      ingesting,
      writer,
      pathMapping(() => folder),
    );
    await grantReader(writer, `${name}_reader`);
    return { database, ingesting, writer, names };
  }

  async function windowStories(url: string, folder: string, options: EngineOptions = {}): Promise<StoryInfo[]> {
    const window = engineOn(url, options);
    await window.load([folder]);
    await window.buildEntities();
    return window.stories();
  }

  const bbcSample = hitSetCorpora().find((c) => c.name !== 'seeds');

  it('gives a window the stories the ingest clustered, stored, and takes them only for the dates they were clustered with', async function () {
    if (!bbcSample) this.skip();
    const folder = bbcSample.folder;
    const { database, ingesting, writer, names } = await indexedCorpus('stories_bbc', folder);
    const clustered = ingesting.stories();
    assert.ok(clustered.length >= 2, `the sample has stories to store (${clustered.length})`);
    assert.equal(names.stories, clustered.length);
    const stored = await writer.query<{ n: number }>('SELECT count(*)::int AS n FROM stories');
    assert.equal(
      stored.rows[0].n,
      clustered.reduce((n, s) => n + s.articles.length, 0),
      'a row for each article of a story',
    );
    assert.deepEqual(grouped(await windowStories(database.readerUrl, folder)), grouped(clustered));
    // Proof that a window reads them: one article moved out of its story in the database only.
    const moved = clustered[0].articles[0].path;
    await writer.query('UPDATE stories SET story = -1 WHERE path = $1', [pathMapping(() => folder).toRelative(moved)]);
    const fromDatabase = await windowStories(database.readerUrl, folder);
    assert.ok(!fromDatabase.some((s) => s.articles.some((a) => a.path === moved)), 'the stored stories, as they were changed');
    // A window that dates the articles otherwise (its own source rule) clusters them itself.
    const rules = parseSourceRules(JSON.stringify([{ files: folder, dates: '2004' }]), '/');
    assert.ok(rules.ok);
    const ownDates = await windowStories(database.readerUrl, folder, { sourceRules: rules.rules });
    assert.ok(
      ownDates.some((s) => s.articles.some((a) => a.path === moved)),
      'clustered in the window: the article is in its story again',
    );
  });

  it('writes the stories only when they changed, again after a window stored names of its own, and none while that window has not clustered', async () => {
    const folder = copyOfSeeds();
    const { database, ingesting, writer } = await indexedCorpus('stories_rewrite', folder);
    const signature = async () => (await writer.query<{ story_dates: string | null }>('SELECT story_dates FROM entity_resolution')).rows[0].story_dates;
    const first = await signature();
    assert.match(first ?? '', /^[0-9a-f]{40}$/);
    await writer.query("UPDATE entity_resolution SET story_dates = 'stale'");
    const mapping = pathMapping(() => folder);
    const again = await storeCorpusNames(ingesting, writer, mapping);
    assert.equal(again.written, false, 'the names were the same');
    assert.equal(await signature(), first, 'the stories were written again: what they were clustered with had changed');
    // A window with the ingest role that recognizes names stores them without stories (it clustered none for the database).
    appendFileSync(path.join(folder, '003_53251bd098308f0e.txt'), '\n\nWilhelmina Quarrington, a spokeswoman for the ministry, said the talks would go on.\n');
    const window = engineOn(database.ingestUrl);
    await window.load([folder]);
    // The window hears its own names announced and reads them back: the test ends after that read.
    const build = window.buildEntities.bind(window);
    const builds: Promise<unknown>[] = [];
    window.buildEntities = (options) => {
      const running = build(options);
      builds.push(running);
      return running;
    };
    const report = await window.buildEntities();
    assert.equal(report.recognized, 1);
    while (builds.length < 2) await new Promise((resolve) => setTimeout(resolve, 20));
    await builds[1];
    assert.equal(await signature(), null, 'no stories stored beside names they were not clustered from');
    assert.equal((await writer.query('SELECT 1 FROM stories')).rowCount, 0);
  });
});
