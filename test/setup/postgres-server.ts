import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres } from '../../libs/platform/src/database/embedded-postgres';

/** A PostgreSQL server for the test run, and how to stop it. */
export interface TestPostgres {
  readonly adminUrl: string;
  readonly source: 'DATABASE_URL' | 'testcontainers' | 'embedded';
  stop(): Promise<void>;
}

/** DATABASE_URL if set; else Testcontainers when a Docker engine answers; else embedded-postgres. */
export async function startTestPostgres(): Promise<TestPostgres> {
  if (process.env.DATABASE_URL) {
    return { adminUrl: process.env.DATABASE_URL, source: 'DATABASE_URL', stop: async () => undefined };
  }
  if (await dockerAnswers()) {
    const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
    const container = await new PostgreSqlContainer('postgres:18-alpine').start();
    return { adminUrl: container.getConnectionUri(), source: 'testcontainers', stop: async () => void (await container.stop()) };
  }
  const dir = await mkdtemp(join(tmpdir(), 'cm-test-pg-'));
  const server = await startEmbeddedPostgres(dir);
  return {
    adminUrl: server.url,
    source: 'embedded',
    stop: async () => {
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Fails fast where only the docker client exists: a ping on the engine's socket, 1 s at most. */
function dockerAnswers(): Promise<boolean> {
  const host = process.env.DOCKER_HOST;
  if (host && !host.startsWith('unix://')) return Promise.resolve(false);
  const socketPath = host ? host.slice('unix://'.length) : '/var/run/docker.sock';
  if (!existsSync(socketPath)) return Promise.resolve(false);
  return new Promise((resolve) => {
    const req = request({ socketPath, path: '/_ping', timeout: 1000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(false));
    req.end();
  });
}
