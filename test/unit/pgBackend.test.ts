import * as assert from 'node:assert/strict';
import { appendFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { Client } from 'pg';
import { CorpusEngine } from '../../src/core/engine/engine';
import { corpusSource } from '../../src/core/db/corpusSource';
import { ingest } from '../../src/core/db/pgIngest';
import { articleRow } from '../../src/core/db/pgDocument';
import { indexTerms } from '../../src/core/search/indexTerms';
import { writeBatch } from '../../src/core/db/pgWrite';
import type { Article } from '../../src/core/types';
import { grantReader, SCHEMA_VERSION, schemaVersion } from '../../src/core/db/pgSchema';
import { PARSE_RULES } from '../../src/core/ingest/articleFiles';
import { BUILTIN_SOURCE_PATTERNS } from '../../src/core/ingest/source';
import { PgSearch } from '../../src/core/db/pgSearch';
import { parseQuery } from '../../src/core/search/query';
import { createCorpusDatabase, startPgServer, type PgServer } from '../../src/tools/pgServer';
import { hitSetCorpora } from '../fixtures/hitSetCorpora';
import { copyOfSeeds } from './helpers';
import type { EngineChange } from '../../src/core/engine/engine';

async function connected(url: string): Promise<Client> {
  const client = new Client({ connectionString: url });
  // The restart test ends every connection: the test's own clients must not fail the run.
  client.on('error', () => undefined);
  await client.connect();
  return client;
}

describe('the PostgreSQL backend (a real server)', function () {
  this.timeout(120_000);
  let server: PgServer;
  const clients: Client[] = [];
  const connect = async (url: string) => {
    const client = await connected(url);
    clients.push(client);
    return client;
  };

  before(async () => {
    server = await startPgServer({ settings: { fsync: 'off', synchronous_commit: 'off' }, tls: true });
  });
  after(async () => {
    await Promise.all(clients.map((c) => c.end().catch(() => undefined)));
    server?.stop();
  });

  describe("gives the embedded engine's hit set for every query of the search benchmark", () => {
    for (const corpus of hitSetCorpora()) {
      it(`on ${corpus.name}, plain and while typing`, async () => {
        const engine = new CorpusEngine();
        await engine.load([corpus.folder]);
        const database = await createCorpusDatabase(server, `agree_${corpus.name.replace(/\W/g, '_')}`);
        const writer = await connect(database.ingestUrl);
        // As `corpus-lens index` writes: a second connection merges the index while small batches are written.
        const indexer = await connect(database.ingestUrl);
        await ingest(writer, corpusSource(engine, corpus.folder), { indexer, batchArticles: 25 });
        await grantReader(writer, `agree_${corpus.name.replace(/\W/g, '_')}_reader`);
        const backend = new PgSearch(corpus.folder);
        const reader = await connect(database.readerUrl);
        const differences: string[] = [];
        const relative = (p: string) => path.relative(corpus.folder, p).split(path.sep).join('/');
        for (const text of corpus.queries) {
          for (const typing of [false, true]) {
            const embedded = await engine.search(text, 1_000_000, { typing });
            const parsed = parseQuery(text);
            assert.ok(embedded.ok && parsed.ok, text);
            const database = await backend.search(reader, parsed.query, 1_000_000, { typing });
            const want = embedded.hits.map((h) => relative(h.path)).sort();
            const got = database.hits.map((h) => relative(h.path)).sort();
            if (want.join('\n') !== got.join('\n') || database.total !== embedded.total)
              differences.push(
                `${text}${typing ? ' (typing)' : ''}: embedded ${want.length}, database ${got.length}: ${want.filter((p) => !got.includes(p)).slice(0, 3)} / ${got.filter((p) => !want.includes(p)).slice(0, 3)}`,
              );
            else assert.deepEqual(database.facets, embedded.facets, text);
          }
        }
        assert.deepEqual(differences, []);
      });
    }
  });
  /** A copy of the seeds in a new database; the ingest role wrote it, the reader role may read it. */
  async function seedsDatabase(name: string) {
    const folder = copyOfSeeds();
    const database = await createCorpusDatabase(server, name);
    const engine = new CorpusEngine();
    await engine.load([folder]);
    const writer = await connect(database.ingestUrl);
    const first = await ingest(writer, corpusSource(engine, folder));
    await grantReader(writer, `${name}_reader`);
    return { folder, database, engine, writer, first };
  }

  const hitFiles = (outcome: Awaited<ReturnType<CorpusEngine['search']>>) => {
    assert.ok(outcome.ok, outcome.ok ? '' : outcome.error);
    return outcome.hits.map((h) => path.basename(h.path)).sort();
  };

  it('migrates a new database to the newest schema once, and writes only what changed on the next ingest', async () => {
    const { folder, engine, writer, first } = await seedsDatabase('changes');
    assert.equal(await schemaVersion(writer), SCHEMA_VERSION);
    assert.deepEqual(first, { ...first, added: 5, updated: 0, unchanged: 0, removed: 0 });
    appendFileSync(path.join(folder, '003_53251bd098308f0e.txt'), '\n\nA zanzibarite delegation arrived.\n');
    rmSync(path.join(folder, '004_732f6ac769fbedc7.txt'));
    await engine.load([folder]);
    const second = await ingest(writer, corpusSource(engine, folder));
    assert.deepEqual([second.added, second.updated, second.unchanged, second.removed], [0, 1, 3, 1]);
    const known = async (term: string) => (await writer.query('SELECT 1 FROM vocabulary WHERE term = $1', [term])).rowCount === 1;
    assert.ok(await known('zanzibarite'), 'the new word is in the vocabulary');
    const mismatch = await writer.query(
      `SELECT count(*)::int AS n FROM (SELECT DISTINCT unnest(tsvector_to_array(terms)) AS t FROM articles) held FULL JOIN vocabulary v ON v.term = held.t WHERE v.term IS NULL OR held.t IS NULL`,
    );
    assert.equal(mismatch.rows[0].n, 0, 'the vocabulary is exactly the words the articles hold, after a replace and a delete');
    const search = await new PgSearch(folder).search(writer, (parseQuery('zanzibarite') as { ok: true; query: never }).query, 10);
    assert.deepEqual(
      search.hits.map((h) => path.basename(h.path)),
      ['003_53251bd098308f0e.txt'],
    );
  });

  it('reads again the articles that older parsing rules read, and only those', async () => {
    const { folder, engine, writer } = await seedsDatabase('rules');
    await writer.query(`UPDATE articles SET parse_rules = $1, title = 'stale' WHERE path = '002_36d8fbcc4219a082.txt'`, [PARSE_RULES - 1]);
    const again = await ingest(writer, corpusSource(engine, folder));
    assert.deepEqual([again.added, again.updated, again.unchanged, again.removed], [0, 1, 4, 0]);
    const rows = await writer.query(`SELECT DISTINCT parse_rules, title = 'stale' AS stale FROM articles`);
    assert.deepEqual(rows.rows, [{ parse_rules: PARSE_RULES, stale: false }]);
  });

  it('resumes a killed ingest from its last committed batch', async () => {
    const folder = copyOfSeeds();
    const database = await createCorpusDatabase(server, 'resume');
    const engine = new CorpusEngine();
    await engine.load([folder]);
    const writer = await connect(database.ingestUrl);
    const source = corpusSource(engine, folder);
    let reads = 0;
    const dying = { stamps: source.stamps, read: (p: string) => (++reads === 4 ? Promise.reject(new Error('killed')) : source.read(p)) };
    await assert.rejects(ingest(writer, dying, { batchArticles: 2 }), /killed/);
    assert.equal((await writer.query('SELECT count(*)::int AS n FROM articles')).rows[0].n, 2, 'the first batch was committed, the second rolled back');
    const resumed = await ingest(writer, corpusSource(engine, folder), { batchArticles: 2 });
    assert.deepEqual([resumed.added, resumed.unchanged], [3, 2]);
  });

  it('lets the reader role read and nothing else', async () => {
    const { database } = await seedsDatabase('readonly');
    const reader = await connect(database.readerUrl);
    assert.equal((await reader.query('SELECT count(*)::int AS n FROM articles')).rows[0].n, 5);
    await assert.rejects(reader.query('DELETE FROM articles'), /permission denied/);
    await assert.rejects(reader.query("INSERT INTO vocabulary VALUES ('x')"), /permission denied/);
    await assert.rejects(reader.query('CREATE TABLE intruder (x int)'), /permission denied/);
  });

  it('answers hostile queries with hits or a message, and leaves no statement or transaction open', async () => {
    const { folder, database } = await seedsDatabase('hostile');
    const engine = new CorpusEngine({ backendUrl: database.readerUrl });
    await engine.load([folder]);
    assert.equal(engine.searchState.kind, 'ready');
    for (const query of ["'); DROP TABLE articles; --", "lavrov':* | !'x", 'back\\slash', "o'neill & !", '"\'" OR -"\\"', 'date:2016 source:%_ lavrov']) {
      const outcome = await engine.search(query, 10, { typing: true });
      assert.ok(outcome.ok || !/syntax|tsquery/i.test(outcome.error), `${query}: ${outcome.ok ? '' : outcome.error}`);
    }
    const long = await engine.search('lavrov '.repeat(150_000));
    assert.ok(!long.ok && /too long/.test(long.error));
    const admin = await connect(server.adminUrl);
    const open = await admin.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = 'hostile' AND state LIKE 'idle in transaction%'`);
    assert.equal(open.rows[0].n, 0);
    engine.dispose();
  });

  it('filters by person, organization and speaker as the embedded engine does', async () => {
    const { folder, database, engine: embedded } = await seedsDatabase('entities');
    const engine = new CorpusEngine({ backendUrl: database.readerUrl });
    await engine.load([folder]);
    await Promise.all([embedded.buildEntities(), engine.buildEntities()]);
    for (const query of ['person:lavrov', 'org:"Nusra Front"', 'person:kerry talks', 'said:lavrov', 'person:lavrov -"Security Council"']) {
      const want = hitFiles(await embedded.search(query, 100));
      assert.ok(want.length > 0, query);
      assert.deepEqual(hitFiles(await engine.search(query, 100)), want, query);
    }
    engine.dispose();
  });

  it('gives the hits of the embedded engine for random queries of words, operators and characters tsquery treats specially (fast-check)', async () => {
    const { folder, database, engine: embedded } = await seedsDatabase('random');
    const reader = await connect(database.readerUrl);
    const search = new PgSearch(folder);
    const pieces = [
      'lavrov',
      'kerry',
      'talks',
      'secret',
      'syria',
      'geneva',
      'lavr',
      'negotiaton',
      'council',
      ' ',
      ' ',
      '"',
      '-',
      'OR',
      'source:sputnik',
      'date:2016',
    ];
    const special = ["'", '\\', ':*', '&', '|', '!', '<->', '(', ')', ':A', 'é', 'ß', '日本', '%', '_'];
    const query = fc
      .array(fc.oneof(fc.constantFrom(...pieces), fc.constantFrom(...special), fc.string({ maxLength: 4 })), { maxLength: 12 })
      .map((parts) => parts.join(''));
    await fc.assert(
      fc.asyncProperty(query, fc.boolean(), async (text, typing) => {
        const parsed = parseQuery(text);
        if (!parsed.ok) return;
        const want = await embedded.search(text, 100, { typing });
        assert.ok(want.ok, text);
        const got = await search.search(reader, parsed.query, 100, { typing });
        const files = (hits: { path: string }[]) => hits.map((h) => path.basename(h.path)).sort();
        assert.deepEqual(files(got.hits), files(want.hits), `${JSON.stringify(text)}${typing ? ' (typing)' : ''}`);
      }),
      { numRuns: 400 },
    );
  });

  it('stores every word of any article with its positions and weights, and its text as it was (binary COPY, fast-check)', async () => {
    const { writer } = await seedsDatabase('rows');
    const text = fc.array(
      fc.oneof(
        fc.string({ maxLength: 12 }),
        fc.constantFrom("O'Brien", 'back\\slash', 'tab\there', 'nul\0byte', 'ÉLAN', '日本語', '😀 emoji', 'x'.repeat(300)),
      ),
      {
        maxLength: 8,
      },
    );
    const article = fc.record({ title: text, source: fc.option(text, { nil: null }), paragraphs: fc.array(text, { maxLength: 4 }) });
    let n = 0;
    await fc.assert(
      fc.asyncProperty(article, async (parts) => {
        const relative = `random-${n++}.txt`;
        const written: Article = {
          path: relative,
          title: parts.title.join(' '),
          source: parts.source && parts.source.join(' '),
          date: null,
          size: 1,
          mtimeMs: 1,
          paragraphs: parts.paragraphs.map((words, line) => ({ text: words.join(' '), line })),
        };
        await writeBatch(writer, [articleRow(written, relative)], []);
        // What PostgreSQL holds, word by word, against each word's places counted here from minisearch's terms.
        const stored = await writer.query<{ lexeme: string; positions: number[]; weights: string[] }>(
          'SELECT lexeme, positions, weights FROM articles, unnest(terms) WHERE path = $1',
          [relative],
        );
        const expected = new Map<string, string[]>();
        let position = 0;
        const fields: [string, string][] = [
          [written.title, 'A'],
          [written.source ?? '', 'B'],
          ...written.paragraphs.map((p): [string, string] => [p.text, 'D']),
        ];
        for (const [field, weight] of fields) {
          for (const term of indexTerms(field.replace(/\0/g, '\uFFFD'))) expected.set(term, [...(expected.get(term) ?? []), `${++position}${weight}`]);
          position += 2;
        }
        const got = new Map(stored.rows.map((r) => [r.lexeme, r.positions.map((p, i) => `${p}${r.weights[i]}`)]));
        assert.deepEqual(got, expected);
        const row = await writer.query<{ title: string; paragraphs: { text: string }[] }>('SELECT title, paragraphs FROM articles WHERE path = $1', [relative]);
        assert.equal(row.rows[0].title, written.title.replace(/\0/g, '\uFFFD'));
        assert.deepEqual(
          row.rows[0].paragraphs.map((p) => p.text),
          written.paragraphs.map((p) => p.text.replace(/\0/g, '\uFFFD')),
        );
      }),
      { numRuns: 150 },
    );
  });

  it('keeps a word in the vocabulary when its last article drops it and a later batch of the same ingest adds it back', async () => {
    const { folder, engine, writer } = await seedsDatabase('vocabulary');
    const first = path.join(folder, 'a-first.txt');
    writeFileSync(first, 'A first story\n\nThe zanzibarish talks went on.\n');
    await engine.load([folder]);
    await ingest(writer, corpusSource(engine, folder));
    // One article a batch: the change to the first is written while the new one (holding the word) is read.
    writeFileSync(first, 'A first story\n\nThe talks went on.\n');
    writeFileSync(path.join(folder, 'z-second.txt'), 'A second story\n\nMore zanzibarish talks.\n');
    await engine.load([folder]);
    await ingest(writer, corpusSource(engine, folder), { batchArticles: 1 });
    const held = await writer.query('SELECT 1 FROM vocabulary WHERE term = $1', ['zanzibarish']);
    assert.equal(held.rowCount, 1);
  });

  it('finds words and phrases past the positions a tsvector holds, in articles of 20,000 and 120,000 words, as the embedded engine does', async () => {
    const { folder, engine: embedded, writer } = await seedsDatabase('long');
    const words = (count: number, prefix: string) => Array.from({ length: count }, (_, i) => `${prefix}${i}`).join(' ');
    // Past 16,383 positions (cut), and past PostgreSQL's 1 MB for words and positions together.
    writeFileSync(path.join(folder, 'long.txt'), `A long article\n\n${words(20_000, 'x')} the prime minister said quokkas\n`);
    writeFileSync(path.join(folder, 'longer.txt'), `A longer article\n\n${words(120_000, 'w')} the prime minister left\n\nLavrov spoke last.\n`);
    await embedded.load([folder]);
    await ingest(writer, corpusSource(embedded, folder));
    const search = new PgSearch(folder);
    for (const text of [
      '"prime minister"',
      'quokkas',
      '"minister said"',
      '"said minister"',
      'w119999',
      'lavrov -"prime minister"',
      '"minister left" OR quokkas',
      'x19999 w119999',
    ]) {
      const parsed = parseQuery(text);
      assert.ok(parsed.ok);
      const got = (await search.search(writer, parsed.query, 100)).hits.map((h) => path.basename(h.path)).sort();
      const want = hitFiles(await embedded.search(text, 100));
      assert.deepEqual(got, want, text);
    }
    assert.deepEqual(hitFiles(await embedded.search('"prime minister"', 100)), ['long.txt', 'longer.txt']);
  });

  it('connects over TLS when the address asks for it, verifying the server, and says why when it cannot', async () => {
    const { folder, database } = await seedsDatabase('tls');
    const verified = `${database.readerUrl}?sslmode=verify-full&sslrootcert=${encodeURIComponent(server.certificateFile ?? '')}`;
    const client = await connect(verified);
    assert.equal((await client.query('SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()')).rows[0].ssl, true);
    const engine = new CorpusEngine({ backendUrl: verified });
    await engine.load([folder]);
    assert.deepEqual(hitFiles(await engine.search('Brahimi')), ['002_36d8fbcc4219a082.txt']);
    engine.dispose();
    const unverified = new CorpusEngine({ backendUrl: `${database.readerUrl}?sslmode=verify-full` });
    await unverified.load([folder]);
    const refused = await unverified.search('Brahimi');
    assert.ok(!refused.ok && /self-signed|certificate/i.test(refused.error), refused.ok ? 'searched' : refused.error);
    unverified.dispose();
  });

  it("opens a corpus the first time from the database's articles, reading from disk only a file changed since the ingest", async () => {
    const { folder, database } = await seedsDatabase('first_opening');
    const changed = path.join(folder, '001_c7973225191394ad.txt');
    appendFileSync(changed, '\nA quokka delegation joined the talks after the ingest.\n');
    const window = new CorpusEngine({ backendUrl: database.readerUrl });
    const report = await window.load([folder]);
    assert.deepEqual([report.fromDatabase, report.parsed], [4, 1]);
    const fromDisk = new CorpusEngine();
    await fromDisk.load([folder]);
    for (const summary of fromDisk.articles()) assert.deepEqual(window.get(summary.path), fromDisk.get(summary.path), summary.path);
    assert.match(window.paragraphs(changed, 100).at(-1)?.text ?? '', /quokka delegation/);
    assert.deepEqual(hitFiles(await window.search('lavrov')), hitFiles(await fromDisk.search('lavrov')));
    // A window that reads sources by rules of its own parses every file (the ingest read them without).
    const ownRules = new CorpusEngine({
      backendUrl: database.readerUrl,
      sourcePatterns: [{ description: 'a test rule', pattern: /quokka/i, source: 'Quokka Press' }, ...BUILTIN_SOURCE_PATTERNS],
    });
    const own = await ownRules.load([folder]);
    assert.deepEqual([own.fromDatabase, own.parsed], [0, 5]);
    for (const engine of [window, fromDisk, ownRules]) engine.dispose();
  });

  it('shows one window the articles another window wrote (LISTEN/NOTIFY)', async () => {
    const { folder, database } = await seedsDatabase('shared');
    const writing = new CorpusEngine({ backendUrl: database.ingestUrl });
    const reading = new CorpusEngine({ backendUrl: database.readerUrl });
    await writing.load([folder]);
    await reading.load([folder]);
    const heard = new Promise<void>((resolve) => reading.onDidChange((c: EngineChange) => c.kind === 'search' && resolve()));
    const file = path.join(folder, '005_new.txt');
    writeFileSync(file, 'Quokkas at the talks\n\nA quokka delegation joined the Geneva talks on Syria.\n');
    await writing.update(file);
    await heard;
    assert.deepEqual(hitFiles(await reading.search('quokka')), ['005_new.txt']);
    writing.dispose();
    reading.dispose();
  });

  // Last: it restarts the server under every other connection.
  describe('a server restart mid-session', () => {
    it('says when the server went away and when it is back, and searches again after a restart', async () => {
      const { folder, database } = await seedsDatabase('restart');
      const engine = new CorpusEngine({ backendUrl: database.readerUrl });
      await engine.load([folder]);
      const notices: string[] = [];
      engine.onDidChange((c: EngineChange) => c.kind === 'notice' && notices.push(c.message));
      const before = hitFiles(await engine.search('lavrov'));
      server.restart();
      const back = new Promise<void>((resolve) => engine.onDidChange((c: EngineChange) => c.kind === 'notice' && /Reconnected/.test(c.message) && resolve()));
      await back;
      assert.deepEqual(hitFiles(await engine.search('lavrov')), before);
      assert.ok(
        notices.some((n) => /Lost the connection/.test(n)),
        notices.join('\n'),
      );
      engine.dispose();
    });
  });
});
