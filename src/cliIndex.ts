/**
 * `corpus-lens index --corpus DIR --backend URL`: writes a corpus into a PostgreSQL database (the
 * ingest role's connection), in committed batches: run it again after a kill and it goes on where
 * it stopped; run it after the files changed and it writes only what changed.
 */
import { Client } from 'pg';
import { CorpusEngine } from './core/engine/engine';
import { corpusSource, pathMapping } from './core/db/corpusSource';
import { displayUrl } from './core/db/connectionString';
import { indexerConnection } from './core/db/pgConnection';
import { ingest, type IngestReport } from './core/db/pgIngest';
import { storeCorpusNames, type NamesPhaseReport } from './core/db/pgNames';
import { applyOverridesFile } from './cliEntities';
import { grantReader } from './core/db/pgSchema';
import type { ParseOptions } from './core/ingest/articleFiles';
import { reportLoad } from './cliLoad';

type Print = (s: string) => void;

export interface IndexCliArgs {
  corpus: string;
  json: boolean;
  parseOptions: ParseOptions;
  cacheDir?: string;
  backend?: string;
  /** A role to let read the tables (the extension's). */
  grantRead?: string;
  /** The corrections the entities are resolved with (default: .corpus-lens/entities.json in the current folder, if any). */
  entitiesFile?: string;
}

export async function indexCommand(args: IndexCliArgs, out: Print, err: Print): Promise<number> {
  if (!args.backend) {
    err('corpus-lens: index needs --backend postgres://USER@HOST/DATABASE (the password from PGPASSWORD or ~/.pgpass)');
    return 2;
  }
  const started = performance.now();
  const engine = new CorpusEngine(args.parseOptions);
  const { problems, cacheUnwritable } = await engine.load([args.corpus], { cacheDir: args.cacheDir, withoutSearch: true });
  reportLoad(args, problems, cacheUnwritable, err);
  const readSeconds = (performance.now() - started) / 1000;
  const client = new Client({ connectionString: args.backend, application_name: 'corpus-lens index' });
  try {
    await client.connect();
  } catch (error) {
    err(`corpus-lens: cannot connect to ${displayUrl(args.backend)}: ${(error as Error).message}`);
    return 2;
  }
  const indexer = await indexerConnection(args.backend);
  const writeStarted = performance.now();
  let report: IngestReport;
  let names: NamesPhaseReport;
  let writeSeconds = 0;
  try {
    const total = engine.size;
    report = await ingest(client, corpusSource(engine, args.corpus), {
      indexer,
      onProgress: (p) =>
        args.json || err(`corpus-lens: ${p.seen.toLocaleString('en')} of ${total.toLocaleString('en')} articles, ${p.written.toLocaleString('en')} written`),
    });
    writeSeconds = (performance.now() - writeStarted) / 1000;
    if (!applyOverridesFile(engine, args.entitiesFile, err)) return 2;
    names = await storeCorpusNames(
      engine,
      client,
      pathMapping(() => args.corpus),
      (done, total) => args.json || done === total || err(`corpus-lens: names: ${done.toLocaleString('en')} of ${total.toLocaleString('en')} articles`),
    );
    if (args.grantRead) await grantReader(client, args.grantRead);
  } catch (error) {
    err(`corpus-lens: ${displayUrl(args.backend)}: ${(error as Error).message}`);
    return 2;
  } finally {
    engine.dispose();
    await client.end().catch(() => undefined);
    await indexer?.end().catch(() => undefined);
  }
  const textMB = report.textBytes / 1e6;
  const summary = {
    ...report,
    textMB: round(textMB),
    readSeconds: round(readSeconds),
    writeSeconds: round(writeSeconds),
    mbPerSecond: round(textMB / writeSeconds),
    names,
  };
  if (args.json) out(JSON.stringify(summary, null, 2));
  else
    out(
      `${report.added} added, ${report.updated} updated, ${report.unchanged} unchanged, ${report.removed} removed; ` +
        `${summary.textMB} MB of text written in ${summary.writeSeconds} s (${summary.mbPerSecond} MB/s); reading the corpus took ${summary.readSeconds} s\n` +
        `names: ${names.recognized} article(s) recognized, ${names.fromDatabase} as stored; ${names.entities} entities, ` +
        (names.written ? `${names.mentions} mentions written` : 'unchanged') +
        `, ${names.stories} stories in ${names.seconds} s`,
    );
  return 0;
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
