/**
 * The database backend on PGlite (PostgreSQL compiled to WebAssembly, file-backed, in this process):
 * the same SQL as on the server, measured by `npm run bench -- backend` to say whether it could be
 * the one-user embedded mode. PGlite is a development dependency until it measures well enough.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { fuzzystrmatch } from '@electric-sql/pglite/contrib/fuzzystrmatch';
import { corpusSource } from '../core/db/corpusSource';
import { ingest } from '../core/db/pgIngest';
import { PgSearch } from '../core/db/pgSearch';
import type { SqlClient } from '../core/db/sqlClient';
import { CorpusEngine } from '../core/engine/engine';
import { parseQuery } from '../core/search/query';
import { median, peakRssMB, percentile } from './common';
import { BENCH_QUERIES } from './search';

function pgliteClient(db: PGlite): SqlClient {
  return {
    async query(text, values) {
      // Several statements (a migration) go through exec, which takes no parameters.
      if (!values && text.includes(';')) {
        const results = await db.exec(text);
        const last = results.at(-1);
        return { rows: (last?.rows ?? []) as never[], rowCount: last?.affectedRows ?? 0 };
      }
      const result = await db.query(text, values as unknown[] | undefined);
      return { rows: result.rows as never[], rowCount: result.affectedRows ?? result.rows.length };
    },
    async copyIn(sql, data) {
      await db.query(sql.replace('FROM STDIN', "FROM '/dev/blob'"), [], { blob: new Blob([typeof data === 'string' ? data : new Uint8Array(data)]) });
    },
  };
}

/** Ingest into a new file-backed PGlite, then the benchmark's queries: times and peak RSS of this process. */
export async function pgliteSession(folder: string, cacheDir: string): Promise<Record<string, number>> {
  const engine = new CorpusEngine();
  await engine.load([folder], { cacheDir, withoutSearch: true });
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'corpus-lens-pglite-'));
  try {
    const db = await PGlite.create(dataDir, { extensions: { fuzzystrmatch } });
    const client = pgliteClient(db);
    const started = performance.now();
    const report = await ingest(client, corpusSource(engine, folder));
    const ingestMs = performance.now() - started;
    const search = new PgSearch(folder);
    const perQuery: number[] = [];
    for (const query of BENCH_QUERIES) {
      const parsed = parseQuery(query);
      if (!parsed.ok) throw new Error(parsed.error);
      const times: number[] = [];
      for (let run = 0; run < 3; run++) {
        const at = performance.now();
        await search.search(client, parsed.query, 50);
        times.push(performance.now() - at);
      }
      perQuery.push(median(times));
    }
    await db.close();
    const reopened = performance.now();
    const again = await PGlite.create(dataDir, { extensions: { fuzzystrmatch } });
    const first = parseQuery('government');
    if (first.ok) await search.search(pgliteClient(again), first.query, 50);
    const reopenMs = performance.now() - reopened;
    await again.close();
    return { ingestMs, textBytes: report.textBytes, p50: percentile(perQuery, 50), p95: percentile(perQuery, 95), reopenMs, rssMB: peakRssMB() };
  } finally {
    engine.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
