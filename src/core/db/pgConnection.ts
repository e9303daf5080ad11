/**
 * The connection to a database backend: a small pool for queries (it reconnects by itself: a query
 * after the server comes back gets a new connection) and one client that listens for committed
 * changes, reconnecting with a growing pause. The owner hears, once each, that the database went
 * away and that it is back. Every statement has a time limit, so no query can hold a connection.
 */
import { Client, Pool, type ClientConfig, type PoolClient } from 'pg';
import { displayUrl } from './connectionString';
import { CHANGES_CHANNEL, type IngestNotice } from './pgWrite';

const STATEMENT_TIMEOUT_MS = 15_000;
const CONNECT_TIMEOUT_MS = 5_000;
const RECONNECT_PAUSES_MS = [250, 500, 1000, 2000, 5000];

export interface ConnectionEvents {
  /** The database stopped answering, or answers again. */
  onStatus?(status: 'lost' | 'back', message: string): void;
  /** Another client (an ingest, another window) committed a change. */
  onChange?(notice: IngestNotice): void;
}

export class PgConnection {
  readonly pool: Pool;
  private listener: Client | undefined;
  private lost = false;
  private disposed = false;
  private reconnectTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly url: string,
    private readonly events: ConnectionEvents = {},
  ) {
    this.pool = new Pool({ ...this.config(), max: 4, idleTimeoutMillis: 30_000 });
    // An idle connection the server closed (a restart) must not crash the thread: the next query opens a new one.
    this.pool.on('error', (error) => this.markLost(error));
  }

  private config(): ClientConfig {
    return {
      connectionString: this.url,
      statement_timeout: STATEMENT_TIMEOUT_MS,
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      application_name: 'corpus-lens',
      // A search is a few short statements: parallel workers cost more to start than they save (measured on 2 cores).
      options: '-c max_parallel_workers_per_gather=0',
    };
  }

  /** Runs queries on one pooled connection; says when the database went away or came back. */
  async run<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    let client: PoolClient;
    try {
      client = await this.pool.connect();
    } catch (error) {
      this.markLost(error);
      throw new Error(connectProblem(this.url, error));
    }
    let broken: Error | undefined;
    try {
      const result = await work(client);
      this.markBack();
      return result;
    } catch (error) {
      if (isConnectionError(error)) {
        broken = error as Error;
        this.markLost(error);
      }
      throw error;
    } finally {
      // A broken connection is closed, not put back in the pool.
      client.release(broken);
    }
  }

  /** Starts listening for changes (resolves once listening, or rejects when the database cannot be reached). */
  async listen(): Promise<void> {
    const client = new Client(this.config());
    client.on('error', (error) => this.listenerLost(error));
    client.on('end', () => this.listenerLost(new Error('connection ended')));
    client.on('notification', (message) => {
      if (message.channel !== CHANGES_CHANNEL || !message.payload) return;
      try {
        this.events.onChange?.(JSON.parse(message.payload) as IngestNotice);
      } catch {
        // A payload that is not ours is ignored.
      }
    });
    await client.connect();
    await client.query(`LISTEN ${CHANGES_CHANNEL}`);
    this.listener = client;
  }

  private listenerLost(error: unknown): void {
    if (this.disposed || !this.listener) return;
    this.listener = undefined;
    this.markLost(error);
    this.reconnect(0);
  }

  private reconnect(attempt: number): void {
    if (this.disposed) return;
    const pause = RECONNECT_PAUSES_MS[Math.min(attempt, RECONNECT_PAUSES_MS.length - 1)];
    this.reconnectTimer = setTimeout(() => {
      this.listen().then(
        () => {
          this.markBack();
          // Changes made while away were not heard: listeners refresh everything.
          this.events.onChange?.({ changed: -1, removed: 0 });
        },
        () => this.reconnect(attempt + 1),
      );
    }, pause);
  }

  private markLost(error: unknown): void {
    if (this.lost || this.disposed) return;
    this.lost = true;
    this.events.onStatus?.('lost', `Lost the connection to the database at ${displayUrl(this.url)} (${messageOf(error)}); reconnecting…`);
  }

  private markBack(): void {
    if (!this.lost || this.disposed) return;
    this.lost = false;
    this.events.onStatus?.('back', `Reconnected to the database at ${displayUrl(this.url)}.`);
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    clearTimeout(this.reconnectTimer);
    const listener = this.listener;
    this.listener = undefined;
    await Promise.all([listener?.end().catch(() => undefined), this.pool.end().catch(() => undefined)]);
  }
}

/** Why a connection failed, in words a user can act on. */
export function connectProblem(url: string, error: unknown): string {
  const message = messageOf(error);
  if (/password must be a string|password authentication failed|no password/i.test(message))
    return `The database at ${displayUrl(url)} refused the password (or none is set): run "Corpus Lens: Set Database Password" (from a shell: PGPASSWORD or ~/.pgpass).`;
  if (/does not exist/i.test(message)) return `The database at ${displayUrl(url)} says: ${message}.`;
  return `The database at ${displayUrl(url)} does not answer (${message}).`;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Errors of the connection itself (server gone, restarted, network), not of one statement. */
function isConnectionError(error: unknown): boolean {
  const code = (error as { code?: string }).code ?? '';
  return (
    /^(ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT)$/.test(code) ||
    code.startsWith('08') ||
    code === '57P01' ||
    code === '57P02' ||
    code === '57P03' ||
    /Connection terminated/i.test(messageOf(error))
  );
}

/**
 * A second connection for an ingest, which merges the text index's new entries while the first
 * writes (IngestOptions.indexer); none when it cannot connect: the ingest then merges on its own.
 */
export async function indexerConnection(url: string): Promise<Client | undefined> {
  const client = new Client({ connectionString: url, application_name: 'corpus-lens index (merging)' });
  // A server that goes away mid-ingest ends the merging, not the process (the writer reports it).
  client.on('error', () => undefined);
  try {
    await client.connect();
    return client;
  } catch {
    return undefined;
  }
}
