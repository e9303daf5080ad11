/**
 * A PostgreSQL server for the in-host and UI tests: the seeds and one article only the database
 * holds (a search that finds it ran in the database), written by the ingest role; the extension
 * connects as the reader role, its password given apart from the address.
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fillCorpusDatabase } from './corpusDatabase';
import { createCorpusDatabase, startPgServer, withoutPassword, type PgServer } from './pgServer';
import { repoRoot } from './sampleWorkspace';

export const DATABASE_ONLY_FILE = 'only-in-the-database.txt';

export interface SeedsDatabase {
  server: PgServer;
  /** The reader role's address, without its password. */
  url: string;
  password: string;
}

export async function startSeedsDatabase(name: string): Promise<SeedsDatabase> {
  const server = await startPgServer({ settings: { fsync: 'off' } });
  const corpus = mkdtempSync(path.join(os.tmpdir(), 'corpus-lens-test-db-'));
  let readerUrl: string;
  try {
    cpSync(path.join(repoRoot(), 'seeds'), corpus, { recursive: true });
    writeFileSync(path.join(corpus, DATABASE_ONLY_FILE), 'Quokkas at the talks\n\nA quokka delegation joined the Geneva talks.\n');
    const urls = await createCorpusDatabase(server, name);
    readerUrl = urls.readerUrl;
    await fillCorpusDatabase(urls.ingestUrl, corpus, `${name}_reader`);
  } catch (error) {
    server.stop();
    throw error;
  } finally {
    rmSync(corpus, { recursive: true, force: true });
  }
  return { server, ...withoutPassword(readerUrl) };
}
