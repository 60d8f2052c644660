import { createServer, type IncomingMessage, type RequestListener, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the fake registries share: a server on a free local port, delayed replies, and a close that cancels them. */
export interface FakeHttpServer {
  /** `http://127.0.0.1:<port>`. */
  readonly origin: string;
  /** Runs `reply` after `delayMs`, unless the client has gone by then: a registry slower than the client's timeout. */
  later(res: ServerResponse, delayMs: number, reply: () => void): void;
  close(): Promise<void>;
}

export async function startFakeHttpServer(handler: RequestListener): Promise<FakeHttpServer> {
  const pending = new Set<NodeJS.Timeout>();
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    later: (res, delayMs, reply) => {
      const timer = setTimeout(() => {
        pending.delete(timer);
        if (!res.destroyed) reply();
      }, delayMs);
      pending.add(timer);
    },
    close: async () => {
      for (const timer of pending) clearTimeout(timer);
      pending.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}

export function sendJson(res: ServerResponse, status: number, body: object, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
