import { createServer, type Server, type Socket } from 'node:net';
import { createDatabase } from '../database/database';
import { createTestDatabase, type TestDatabase } from '../../../../test/setup/test-database';
import { checkDatabase } from './database-health';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

describe('checkDatabase', () => {
  it('reports up with the server version and latency', async () => {
    const health = await checkDatabase(t.database);
    expect(health).toMatchObject({ status: 'up', version: expect.stringMatching(/^\d+/) });
    expect(health.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('reports down when nothing listens', async () => {
    const dead = createDatabase({ url: 'postgres://nobody@127.0.0.1:1/none' });
    try {
      expect(await checkDatabase(dead)).toMatchObject({ status: 'down', error: expect.any(String) });
    } finally {
      await dead.close();
    }
  });

  it('reports down within the timeout when the server never answers', async () => {
    // Accepts connections and stays silent, like a hung server.
    const sockets = new Set<Socket>();
    const silent: Server = createServer((socket) => void sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as { port: number }).port;
    const hung = createDatabase({ url: `postgres://nobody@127.0.0.1:${port}/none` });
    try {
      const started = Date.now();
      expect(await checkDatabase(hung, 300)).toMatchObject({ status: 'down', error: expect.stringContaining('300 ms') });
      expect(Date.now() - started).toBeLessThan(2_000);
    } finally {
      for (const socket of sockets) socket.destroy();
      await hung.close().catch(() => undefined);
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});
