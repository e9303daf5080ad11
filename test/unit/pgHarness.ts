/**
 * A real PostgreSQL server for the tests of one describe block: started before them, stopped after,
 * once the engines and clients they opened are closed.
 */
import { Client } from 'pg';
import { CorpusEngine, type EngineOptions } from '../../src/core/engine/engine';
import { startPgServer, type PgServer } from '../../src/tools/pgServer';

export interface PgHarness {
  readonly server: PgServer;
  /** A client of `url`, ended after the tests. */
  connect(url: string): Promise<Client>;
  /** An engine (on the database at `url`, when given), disposed after the tests. */
  engineOn(url?: string, options?: EngineOptions): CorpusEngine;
}

export function pgHarness(): PgHarness {
  let server: PgServer | undefined;
  const clients: Client[] = [];
  const engines: CorpusEngine[] = [];
  before(async () => {
    server = await startPgServer({ settings: { fsync: 'off', synchronous_commit: 'off' } });
  });
  after(async () => {
    for (const engine of engines) engine.dispose();
    await Promise.all(clients.map((c) => c.end().catch(() => undefined)));
    server?.stop();
  });
  return {
    get server() {
      if (!server) throw new Error('the server starts in the before hook');
      return server;
    },
    async connect(url) {
      const client = new Client({ connectionString: url });
      await client.connect();
      clients.push(client);
      return client;
    },
    engineOn(url, options = {}) {
      const engine = new CorpusEngine(url ? { ...options, backendUrl: url } : options);
      engines.push(engine);
      return engine;
    },
  };
}
