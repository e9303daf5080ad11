/**
 * Fills a corpus database as `corpus-lens index` does (the articles, then their names), as the
 * ingest role, and lets the reader role read it: for `npm run pg:start` and the tests' databases.
 */
import { Client } from 'pg';
import { corpusSource, pathMapping } from '../core/db/corpusSource';
import { ingest } from '../core/db/pgIngest';
import { storeCorpusNames } from '../core/db/pgNames';
import { grantReader } from '../core/db/pgSchema';
import { CorpusEngine } from '../core/engine/engine';

export async function fillCorpusDatabase(ingestUrl: string, corpus: string, readerRole: string): Promise<{ articles: number; entities: number }> {
  const engine = new CorpusEngine();
  const writer = new Client({ connectionString: ingestUrl });
  try {
    await engine.load([corpus], { withoutSearch: true });
    await writer.connect();
    const report = await ingest(writer, corpusSource(engine, corpus));
    const names = await storeCorpusNames(
      engine,
      writer,
      pathMapping(() => corpus),
    );
    await grantReader(writer, readerRole);
    return { articles: report.added, entities: names.entities };
  } finally {
    engine.dispose();
    await writer.end().catch(() => undefined);
  }
}
