/**
 * What the database backend needs of a connection: queries with parameters, and COPY in. A
 * node-postgres client is one as it is (COPY through pg-copy-streams); another driver (PGlite, in
 * the benchmark) gives `copyIn` itself.
 */
import type { ClientBase, QueryResultRow } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

export interface SqlClient {
  query<R extends QueryResultRow>(text: string, values?: unknown[]): Promise<{ rows: R[]; rowCount: number | null }>;
  /** `COPY … FROM STDIN` with `data` in COPY's text format, or its binary format (`(FORMAT binary)`). */
  copyIn?(sql: string, data: string | Uint8Array): Promise<void>;
}

export function copyIn(client: SqlClient, sql: string, data: string | Uint8Array): Promise<void> {
  if (client.copyIn) return client.copyIn(sql, data);
  const stream = (client as unknown as ClientBase).query(copyFrom(sql));
  return new Promise((resolve, reject) => {
    stream.on('error', reject);
    stream.on('finish', () => resolve());
    stream.end(data);
  });
}

/**
 * COPY in statements of at most `rows` lines each (in the caller's transaction): the lines of a large
 * table at once would pass the length a string may have.
 */
export async function copyLines(client: SqlClient, sql: string, lines: Iterable<string>, rows = 50_000): Promise<number> {
  let batch: string[] = [];
  let count = 0;
  for (const line of lines) {
    batch.push(line);
    count++;
    if (batch.length < rows) continue;
    await copyIn(client, sql, batch.join(''));
    batch = [];
  }
  if (batch.length > 0) await copyIn(client, sql, batch.join(''));
  return count;
}

/** A name for SQL text (a role), quoted. */
export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
