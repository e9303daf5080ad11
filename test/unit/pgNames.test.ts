import * as assert from 'node:assert/strict';
import { appendFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { Client } from 'pg';
import { runCli } from '../../src/cli';
import type { EntityBuildReport } from '../../src/core/entities/corpusEntities';
import type { StoredNames } from '../../src/core/entities/storedNames';
import { corpusSource, pathMapping } from '../../src/core/db/corpusSource';
import { ingest } from '../../src/core/db/pgIngest';
import { arrayLiteral, packedNumbersOf, readStoredNames, storeCorpusNames } from '../../src/core/db/pgNames';
import { copyLine } from '../../src/core/db/pgDocument';
import { copyIn, copyLines } from '../../src/core/db/sqlClient';
import { grantReader, migrate, schemaVersion, SCHEMA_VERSION } from '../../src/core/db/pgSchema';
import { createCorpusDatabase } from '../../src/tools/pgServer';
import { hitSetCorpora } from '../fixtures/hitSetCorpora';
import { copyOfSeeds } from './helpers';
import { pgHarness } from './pgHarness';

const CARD = { limit: 5, related: 5 };
const pick = ({ recognized, fromCache }: EntityBuildReport) => ({ recognized, fromCache });
/** Stored names as a names cache file keeps them, to compare. */
const plain = (stored: StoredNames | undefined) => stored && { ...stored, files: Object.fromEntries(stored.files.entries()) };

describe('names in the PostgreSQL backend (a real server)', function () {
  this.timeout(180_000);
  const pg = pgHarness();
  const { connect, engineOn } = pg;

  /** A corpus written into a new database with its names, by the ingest role; the reader role may read it. */
  async function indexedCorpus(name: string, folder: string, withNames = true) {
    const database = await createCorpusDatabase(pg.server, name);
    const ingesting = engineOn();
    await ingesting.load([folder]);
    const writer = await connect(database.ingestUrl);
    await ingest(writer, corpusSource(ingesting, folder));
    const names = withNames
      ? await storeCorpusNames(
          ingesting,
          writer,
          pathMapping(() => folder),
        )
      : undefined;
    await grantReader(writer, `${name}_reader`);
    return { database, ingesting, writer, names };
  }

  for (const corpus of hitSetCorpora()) {
    it(`gives a window on ${corpus.name} the entities, hovers and cards the ingest resolved, recognizing no article itself`, async () => {
      const { database, ingesting, names } = await indexedCorpus(`names_${corpus.name.replace(/\W/g, '_')}`, corpus.folder);
      assert.ok(names && names.written && names.entities > 0 && names.mentions > 0, JSON.stringify(names));
      const reading = engineOn(database.readerUrl);
      await reading.load([corpus.folder]);
      assert.deepEqual(await reading.entityListEarly(), ingesting.entityList(), 'the stored list, before the names are read');
      const report = await reading.buildEntities();
      assert.deepEqual([report.recognized, report.fromCache, report.fromStored], [0, ingesting.size, ingesting.size]);
      const reader = await connect(database.readerUrl);
      const mapping = pathMapping(() => corpus.folder);
      assert.deepEqual(
        plain(await readStoredNames(reader, mapping, 7)),
        plain(await readStoredNames(reader, mapping)),
        'read a page of 7 at a time, the same names',
      );
      const list = reading.entityList();
      assert.deepEqual(list, ingesting.entityList());
      for (const entity of list.sort((a, b) => b.mentionCount - a.mentionCount).slice(0, 5)) {
        assert.deepEqual(reading.entityCard(entity.id, CARD), ingesting.entityCard(entity.id, CARD), entity.name);
        const line = `A note on ${entity.name} and the talks.`;
        assert.deepEqual(reading.hoverAt(line, 11, CARD), ingesting.hoverAt(line, 11, CARD), entity.name);
      }
      const person = list.find((e) => e.type === 'person');
      assert.ok(person);
      const filtered = await reading.search(`person:"${person.name}"`, 100_000);
      const expected = await ingesting.search(`person:"${person.name}"`, 100_000);
      assert.ok(filtered.ok && expected.ok && expected.hits.length > 0, JSON.stringify(filtered));
      assert.deepEqual(filtered.hits.map((h) => h.path).sort(), expected.hits.map((h) => h.path).sort());
    });
  }

  it("lists no stored entities early for a window with other corrections than the ingest's, nor for a database without names", async () => {
    const folder = copyOfSeeds();
    const { database } = await indexedCorpus('names_early', folder);
    const corrected = engineOn(database.readerUrl);
    await corrected.load([folder]);
    assert.ok(corrected.setEntityOverrides('{ "merge": [["Lavrov", "Sergei Lavrov"]], "hide": ["Reuters"] }').ok);
    assert.deepEqual(await corrected.entityListEarly(), []);
    await corrected.buildEntities();
    assert.deepEqual(await corrected.entityListEarly(), corrected.entityList());
    const bare = await indexedCorpus('names_early_none', copyOfSeeds(), false);
    const reading = engineOn(bare.database.readerUrl);
    await reading.load([folder]);
    assert.deepEqual(await reading.entityListEarly(), []);
  });

  it('recognizes only the articles that changed on the next ingest, and the reading windows take the new names', async () => {
    const folder = copyOfSeeds();
    const { database, ingesting, writer } = await indexedCorpus('names_changes', folder);
    const reading = engineOn(database.readerUrl);
    await reading.load([folder]);
    await reading.buildEntities();
    assert.equal(reading.entities.index.find('Wilhelmina Quarrington'), undefined);
    appendFileSync(path.join(folder, '003_53251bd098308f0e.txt'), '\n\nWilhelmina Quarrington, a spokeswoman for the ministry, said the talks would go on.\n');
    rmSync(path.join(folder, '004_732f6ac769fbedc7.txt'));
    await ingesting.load([folder], { withoutSearch: true });
    await ingest(writer, corpusSource(ingesting, folder));
    const stale = await writer.query('SELECT path FROM article_names ORDER BY path');
    assert.equal(stale.rowCount, 3, 'the changed and the removed articles lost their stored names with their rows');
    await reading.update(path.join(folder, '003_53251bd098308f0e.txt'));
    await reading.remove(path.join(folder, '004_732f6ac769fbedc7.txt'));
    // The names NOTIFY makes the window build its entities again, from the database.
    const build = reading.buildEntities.bind(reading);
    const rebuilt = new Promise<EntityBuildReport>((resolve) => {
      reading.buildEntities = (options) => build(options).then((report) => (resolve(report), report));
    });
    const names = await storeCorpusNames(
      ingesting,
      writer,
      pathMapping(() => folder),
    );
    assert.deepEqual([names.recognized, names.fromDatabase, names.written], [1, 3, true]);
    assert.deepEqual(pick(await rebuilt), { recognized: 0, fromCache: 4 });
    const found = reading.entities.index.find('Wilhelmina Quarrington');
    assert.equal(found?.type, 'person');
    assert.deepEqual(reading.entityList(), ingesting.entityList());
  });

  it('takes the stored names for a copy of the corpus made later (other modification times), but not for a file edited to the same size', async () => {
    const { database } = await indexedCorpus('names_copy', copyOfSeeds());
    const copy = copyOfSeeds();
    const later = new Date('2030-01-01T00:00:00Z');
    for (const file of readdirSync(copy)) utimesSync(path.join(copy, file), later, later);
    const edited = path.join(copy, '001_c7973225191394ad.txt');
    const text = readFileSync(edited, 'utf8');
    writeFileSync(edited, text.replace('Lavrov', 'Lavrav'));
    assert.notEqual(readFileSync(edited, 'utf8'), text);
    const reading = engineOn(database.readerUrl);
    await reading.load([copy]);
    assert.deepEqual(pick(await reading.buildEntities()), { recognized: 1, fromCache: 4 });
  });

  it('corpus-lens index stores the names on its first run and recognizes nothing on the next', async () => {
    const folder = copyOfSeeds();
    const database = await createCorpusDatabase(pg.server, 'names_cli');
    const run = async () => {
      const out: string[] = [];
      const errors: string[] = [];
      const code = await runCli(
        ['index', '--corpus', folder, '--backend', database.ingestUrl, '--json', '--no-cache'],
        (s) => out.push(s),
        (s) => errors.push(s),
      );
      assert.equal(code, 0, errors.join('\n'));
      return JSON.parse(out.join('\n')) as {
        added: number;
        unchanged: number;
        names: { recognized: number; fromDatabase: number; written: boolean; entities: number };
      };
    };
    const first = await run();
    assert.deepEqual([first.added, first.names.recognized, first.names.written], [5, 5, true]);
    assert.ok(first.names.entities > 0);
    const second = await run();
    assert.deepEqual([second.unchanged, second.names.recognized, second.names.fromDatabase, second.names.written], [5, 0, 5, false]);
  });

  it('reads the names whole while an ingest rewrites them (a snapshot taken before its TRUNCATE would see no mentions)', async () => {
    const folder = copyOfSeeds();
    const { database, writer } = await indexedCorpus('names_race', folder);
    const reader = await connect(database.readerUrl);
    const mapping = pathMapping(() => folder);
    const before = plain(await readStoredNames(reader, mapping));
    await writer.query('CREATE TEMP TABLE saved AS SELECT * FROM mentions; CREATE TEMP TABLE saved_per_article AS SELECT * FROM article_mentions');
    await writer.query('BEGIN');
    await writer.query('TRUNCATE mentions, article_mentions');
    const reading = readStoredNames(reader, mapping);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await writer.query('INSERT INTO mentions SELECT * FROM saved; INSERT INTO article_mentions SELECT * FROM saved_per_article');
    await writer.query('COMMIT');
    assert.deepEqual(plain(await reading), before);
  });

  it('reads the same names from a database of the schema before article_mentions, and after its migration', async () => {
    const folder = copyOfSeeds();
    const { database, writer } = await indexedCorpus('names_migration', folder);
    const mapping = pathMapping(() => folder);
    // The stories came later (schema 5): the migration makes their table, empty until the next ingest.
    const withoutStories = async (client: Client) => ({ ...plain(await readStoredNames(client, mapping)), stories: undefined });
    const current = await withoutStories(writer);
    assert.ok(current.files && Object.values(current.files).some((f) => f.mentions.length > 0));
    await writer.query(
      `DROP TABLE article_mentions, stories; ALTER TABLE entity_resolution DROP COLUMN story_dates; ALTER TABLE article_names ALTER names TYPE jsonb; UPDATE corpus_lens_schema SET version = 3`,
    );
    assert.deepEqual(await withoutStories(await connect(database.readerUrl)), current, 'read from the mentions table');
    await migrate(writer);
    assert.equal(await schemaVersion(writer), SCHEMA_VERSION);
    assert.deepEqual(await withoutStories(await connect(database.readerUrl)), current, 'read from article_mentions, filled by the migration');
    assert.equal((await readStoredNames(writer, mapping))?.stories, undefined, 'no stories until an ingest clusters them');
  });

  it('leaves a window to recognize names itself when the database has none, and a reader role stores nothing', async () => {
    const folder = copyOfSeeds();
    const { database, writer } = await indexedCorpus('names_none', folder, false);
    const reading = engineOn(database.readerUrl);
    await reading.load([folder]);
    const report = await reading.buildEntities();
    assert.equal(report.recognized, 5);
    assert.ok(reading.entityList().length > 0);
    assert.equal((await writer.query('SELECT count(*)::int AS n FROM article_names')).rows[0].n, 0);
  });

  it("does not read the window's own names cache when the database holds every article's names, and reads it when one lacks them", async () => {
    const folder = copyOfSeeds();
    const { database, writer } = await indexedCorpus('names_cache_file', folder);
    // A names cache that cannot be read (a folder in its place): reading it would be reported.
    const cacheDir = mkdtempSync(path.join(os.tmpdir(), 'corpus-lens-names-file-'));
    mkdirSync(path.join(cacheDir, 'names.json'));
    const reading = engineOn(database.readerUrl);
    await reading.load([folder], { cacheDir });
    const covered = await reading.buildEntities();
    assert.deepEqual([covered.recognized, covered.fromStored, covered.cacheRebuilt], [0, 5, undefined]);
    await writer.query("DELETE FROM article_names WHERE path = '000_24cedd494502b823.txt'");
    const next = engineOn(database.readerUrl);
    await next.load([folder], { cacheDir });
    const lacking = await next.buildEntities();
    assert.deepEqual([lacking.recognized, lacking.fromStored], [1, 4]);
    assert.match(lacking.cacheRebuilt ?? '', /cannot be read/);
  });

  it('stores the names a window with the ingest role recognized, so the next window recognizes none', async () => {
    const folder = copyOfSeeds();
    const { database } = await indexedCorpus('names_window', folder, false);
    const writing = engineOn(database.ingestUrl);
    await writing.load([folder]);
    assert.equal((await writing.buildEntities()).recognized, 5);
    const next = engineOn(database.readerUrl);
    await next.load([folder]);
    assert.deepEqual([(await next.buildEntities()).recognized, next.entityList()], [0, writing.entityList()]);
  });

  it('copies rows in several COPY statements when there are more than one takes, every row once', async () => {
    const database = await createCorpusDatabase(pg.server, 'names_chunks');
    const client = await connect(database.ingestUrl);
    await client.query('CREATE TEMP TABLE numbers (n integer)');
    const lines = Array.from({ length: 10 }, (_, i) => copyLine([i]));
    assert.equal(await copyLines(client, 'COPY numbers (n) FROM STDIN', lines, 3), 10);
    const rows = await client.query<{ n: number }>('SELECT n FROM numbers ORDER BY n');
    assert.deepEqual(
      rows.rows.map((r) => r.n),
      Array.from({ length: 10 }, (_, i) => i),
    );
  });

  it('stores any aliases as the text arrays they are: quotes, backslashes, commas, braces, tabs, line breaks (fast-check)', async () => {
    const { database } = await createCorpusDatabase(pg.server, 'names_arrays').then((d) => ({ database: d }));
    const client = await connect(database.ingestUrl);
    await client.query('CREATE TEMP TABLE aliases (n integer, a text[])');
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.string({ unit: 'grapheme' }).map((s) => s.replace(/\0/g, '')),
          { minLength: 1, maxLength: 5 },
        ),
        async (aliases) => {
          await client.query('TRUNCATE aliases');
          await copyIn(client, 'COPY aliases (n, a) FROM STDIN', copyLine([1, arrayLiteral(aliases)]));
          assert.deepEqual((await client.query('SELECT a FROM aliases')).rows[0].a, aliases);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('the mentions a page of stored names carries', () => {
  it('reads back every list of 32-bit whole numbers written with commas, packed (fast-check)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), { minLength: 1, maxLength: 200 }), (numbers) => {
        assert.deepEqual(Array.from(packedNumbersOf(numbers.join(','))), numbers);
      }),
      { numRuns: 2000 },
    );
  });
});
