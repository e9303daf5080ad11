import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { Client } from 'pg';
import { CorpusEngine } from '../../src/core/engine/engine';
import { corpusSource } from '../../src/core/db/corpusSource';
import { ingest } from '../../src/core/db/pgIngest';
import { grantReader } from '../../src/core/db/pgSchema';
import { PgSearch } from '../../src/core/db/pgSearch';
import { parseQuery } from '../../src/core/search/query';
import { createCorpusDatabase, startPgServer, type PgServer } from '../../src/tools/pgServer';
import { hitSetCorpora } from '../fixtures/hitSetCorpora';

async function connected(url: string): Promise<Client> {
  const client = new Client({ connectionString: url });
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
    server = await startPgServer({ settings: { fsync: 'off', synchronous_commit: 'off' } });
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
        await ingest(writer, corpusSource(engine, corpus.folder));
        await grantReader(writer, `agree_${corpus.name.replace(/\W/g, '_')}_reader`);
        const backend = new PgSearch(await connect(database.readerUrl), corpus.folder);
        const differences: string[] = [];
        const relative = (p: string) => path.relative(corpus.folder, p).split(path.sep).join('/');
        for (const text of corpus.queries) {
          for (const typing of [false, true]) {
            const embedded = await engine.search(text, 1_000_000, { typing });
            const parsed = parseQuery(text);
            assert.ok(embedded.ok && parsed.ok, text);
            const database = await backend.search(parsed.query, 1_000_000, { typing });
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
});
