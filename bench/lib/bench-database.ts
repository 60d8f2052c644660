import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres } from '@cm/platform';
import { Client } from 'pg';

/** A throw-away database on a PostgreSQL server, and how to get rid of both. */
export interface BenchDatabase {
  readonly url: string;
  readonly source: 'DATABASE_URL' | 'embedded';
  readonly serverVersion: string;
  dispose(): Promise<void>;
}

/**
 * DATABASE_URL's server if set, else an embedded PostgreSQL in a temporary
 * directory. Either way a fresh `<prefix>_<random>` database (`bench_<random>`
 * by default), dropped by `dispose`.
 */
export async function createBenchDatabase(log: (line: string) => void, options: { prefix?: string } = {}): Promise<BenchDatabase> {
  let adminUrl = process.env.DATABASE_URL;
  let source: BenchDatabase['source'] = 'DATABASE_URL';
  let stopServer = async (): Promise<void> => undefined;
  if (!adminUrl) {
    source = 'embedded';
    const dir = await mkdtemp(join(tmpdir(), 'cm-bench-pg-'));
    log(`starting embedded PostgreSQL in ${dir}`);
    try {
      const server = await startEmbeddedPostgres(dir);
      adminUrl = server.url;
      stopServer = async () => {
        await server.stop();
        await rm(dir, { recursive: true, force: true });
      };
    } catch (error) {
      await rm(dir, { recursive: true, force: true });
      throw error;
    }
  }

  const name = `${options.prefix ?? 'bench'}_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: adminUrl });
  let serverVersion: string;
  try {
    await admin.connect();
    serverVersion = (await admin.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0].v;
    await admin.query(`CREATE DATABASE ${name}`);
  } catch (error) {
    await admin.end().catch(() => undefined);
    await stopServer();
    throw error;
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;

  let disposed = false;
  return {
    url: url.toString(),
    source,
    serverVersion,
    async dispose() {
      if (disposed) return;
      disposed = true;
      try {
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await admin.end().catch(() => undefined);
        await stopServer();
      }
    },
  };
}
