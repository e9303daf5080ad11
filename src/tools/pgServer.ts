/**
 * A throwaway PostgreSQL server for tests, benchmarks and `npm run pg:start`: Debian's initdb and
 * pg_ctl on a temporary folder, listening on loopback at a free port, stopped and removed after.
 * PostgreSQL refuses to run as root: as root, the folder is handed to the `postgres` user and the
 * server runs as that user.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

export interface PgServer {
  /** The superuser's connection string (the harness's own: roles and databases are made with it). */
  adminUrl: string;
  port: number;
  dataDir: string;
  /** With `tls`: the server's self-signed certificate, the root a client verifies it with (`sslrootcert`). */
  certificateFile?: string;
  stop(): void;
  /** Stops and starts the server again on the same folder and port (a restart mid-session). */
  restart(): void;
}

const ADMIN_USER = 'corpus_lens_admin';
const ADMIN_PASSWORD = 'corpus-lens-test-admin';

/** The folder of Debian's PostgreSQL programs (the newest version installed), or of a PATH install. */
export function pgBinDir(): string | undefined {
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    const versions = readdirSync(debian)
      .filter((v) => existsSync(path.join(debian, v, 'bin', 'pg_ctl')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions.length > 0) return path.join(debian, versions[0], 'bin');
  }
  const which = spawnSync('sh', ['-c', 'command -v pg_ctl'], { encoding: 'utf8' });
  return which.status === 0 ? path.dirname(which.stdout.trim()) : undefined;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address() as net.AddressInfo;
      server.close(() => resolve(address.port));
    });
  });
}

const runsAsRoot = () => process.getuid?.() === 0;

function run(bin: string, program: string, args: string[]): void {
  const command = runsAsRoot() ? ['runuser', ['-u', 'postgres', '--', path.join(bin, program), ...args]] : [path.join(bin, program), args];
  execFileSync(command[0] as string, command[1] as string[], { stdio: ['ignore', 'pipe', 'pipe'] });
}

/** A self-signed certificate for 127.0.0.1 and its key, for a server that offers TLS. */
function makeCertificate(root: string): { cert: string; key: string } {
  const cert = path.join(root, 'server.crt');
  const key = path.join(root, 'server.key');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '2',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-keyout',
      key,
      '-out',
      cert,
    ],
    {
      stdio: 'ignore',
    },
  );
  chmodSync(key, 0o600);
  return { cert, key };
}

export async function startPgServer(options: { settings?: Record<string, string>; tls?: boolean } = {}): Promise<PgServer> {
  const bin = pgBinDir();
  if (!bin) throw new Error('PostgreSQL is not installed: apt-get install postgresql');
  const root = mkdtempSync(path.join(os.tmpdir(), 'corpus-lens-pg-'));
  const dataDir = path.join(root, 'data');
  const passwordFile = path.join(root, 'password');
  writeFileSync(passwordFile, ADMIN_PASSWORD);
  const certificate = options.tls ? makeCertificate(root) : undefined;
  if (runsAsRoot()) {
    const ids = execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim();
    const gid = execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim();
    for (const entry of [root, passwordFile, ...(certificate ? [certificate.cert, certificate.key] : [])]) chownSync(entry, Number(ids), Number(gid));
  }
  run(bin, 'initdb', ['-D', dataDir, '-U', ADMIN_USER, '--pwfile', passwordFile, '--auth=scram-sha-256', '--encoding=UTF8', '--locale=C.UTF-8']);
  const port = await freePort();
  const tls = certificate ? { ssl: 'on', ssl_cert_file: certificate.cert, ssl_key_file: certificate.key } : {};
  const settings = { listen_addresses: '127.0.0.1', port: String(port), unix_socket_directories: root, ...tls, ...options.settings };
  const serverOptions = Object.entries(settings)
    .map(([key, value]) => `-c ${key}=${value}`)
    .join(' ');
  const start = () => run(bin, 'pg_ctl', ['-D', dataDir, '-o', serverOptions, '-l', path.join(root, 'server.log'), '-w', 'start']);
  const stop = () => run(bin, 'pg_ctl', ['-D', dataDir, '-m', 'fast', '-w', 'stop']);
  start();
  return {
    adminUrl: `postgres://${ADMIN_USER}:${ADMIN_PASSWORD}@127.0.0.1:${port}/postgres`,
    port,
    dataDir,
    certificateFile: certificate?.cert,
    stop() {
      try {
        stop();
      } finally {
        rmSync(root, { recursive: true, force: true });
      }
    },
    restart() {
      stop();
      start();
    },
  };
}

export interface CorpusDatabase {
  /** The ingest role's connection: it owns the tables (`corpus-lens index --backend`). */
  ingestUrl: string;
  /** The reader role's connection: SELECT only (the extension's `corpusLens.backend.url`). */
  readerUrl: string;
}

/** A database with an ingest role that owns it and a reader role that may only read it (passwords: fixed for tests, else given). */
export async function createCorpusDatabase(server: PgServer, name: string, passwords?: { ingest: string; reader: string }): Promise<CorpusDatabase> {
  const { Client } = await import('pg');
  const passwordOf = (role: 'ingest' | 'reader') => passwords?.[role] ?? `${name}-${role}-password`;
  const admin = new Client({ connectionString: server.adminUrl });
  await admin.connect();
  try {
    const id = (role: string) => admin.escapeIdentifier(`${name}_${role}`);
    const password = (role: 'ingest' | 'reader') => admin.escapeLiteral(passwordOf(role));
    await admin.query(`CREATE ROLE ${id('ingest')} LOGIN PASSWORD ${password('ingest')}`);
    await admin.query(`CREATE ROLE ${id('reader')} LOGIN PASSWORD ${password('reader')}`);
    await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(name)} OWNER ${id('ingest')}`);
    await admin.query(
      `REVOKE ALL ON DATABASE ${admin.escapeIdentifier(name)} FROM PUBLIC; GRANT CONNECT ON DATABASE ${admin.escapeIdentifier(name)} TO ${id('reader')}`,
    );
  } finally {
    await admin.end();
  }
  const url = (role: 'ingest' | 'reader') => `postgres://${name}_${role}:${encodeURIComponent(passwordOf(role))}@127.0.0.1:${server.port}/${name}`;
  return { ingestUrl: url('ingest'), readerUrl: url('reader') };
}

/** A role's address split as the extension takes it: the address without its password (a setting), and the password (secret storage). */
export function withoutPassword(url: string): { url: string; password: string } {
  const address = new URL(url);
  const password = decodeURIComponent(address.password);
  address.password = '';
  return { url: address.toString(), password };
}
