/**
 * `npm run pg:start [-- --corpus DIR]`: a local PostgreSQL for the database backend, until Ctrl+C.
 * It starts Debian's server on a free loopback port (data in a temporary folder, removed at the
 * end), makes a database with an ingest role and a read-only role, writes the corpus into it (the
 * bundled seeds by default) and prints what to put in VS Code.
 */
import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import { parseArguments } from '../args';
import { fillCorpusDatabase } from './corpusDatabase';
import { createCorpusDatabase, startPgServer, withoutPassword } from './pgServer';
import { repoRoot } from './sampleWorkspace';

async function main(): Promise<void> {
  const { values } = parseArguments(process.argv.slice(2), { corpus: { type: 'string' } });
  const corpus = path.resolve(values.corpus ?? path.join(repoRoot(), 'seeds'));
  const server = await startPgServer();
  const stop = () => {
    server.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  const passwords = { ingest: randomBytes(12).toString('base64url'), reader: randomBytes(12).toString('base64url') };
  const database = await createCorpusDatabase(server, 'corpus', passwords);
  const filled = await fillCorpusDatabase(database.ingestUrl, corpus, 'corpus_reader');
  console.log(`PostgreSQL is running on 127.0.0.1:${server.port} with ${filled.articles} articles of ${corpus} and their ${filled.entities} people and organizations. Ctrl+C stops it and removes its data.

In VS Code (with ${corpus} as the corpus folder):
  "corpusLens.backend.url": "${withoutPassword(database.readerUrl).url}"
  then "Corpus Lens: Set Database Password": ${passwords.reader}

From a shell (the ingest role may write):
  PGPASSWORD=${passwords.ingest} node dist/cli.js index --corpus ${corpus} --backend ${withoutPassword(database.ingestUrl).url}
  PGPASSWORD=${passwords.reader} node dist/cli.js search "lavrov" --corpus ${corpus} --backend ${withoutPassword(database.readerUrl).url}`);
  setInterval(() => undefined, 1 << 30);
}

main().catch((error: unknown) => {
  console.error(`pg:start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
