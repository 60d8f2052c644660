import autocannon from 'autocannon';
import type { LoadResult, LoadWindow } from './load';

export interface HttpLoad {
  /** Origin of the server, e.g. `http://127.0.0.1:3000`. */
  readonly url: string;
  readonly connections: number;
  readonly headers?: Record<string, string>;
  /** Cycled by every connection; a request's `setupRequest` may vary it each time. */
  readonly requests: autocannon.Request[];
  /** The one status a successful response has; any other fails the run. */
  readonly expectedStatus: number;
}

/**
 * The HTTP counterpart of `runLoad`: autocannon keeps `connections`
 * connections busy (one request in flight each) for `rampMs`, then the
 * responses completed during the next `durationMs` are counted, with their
 * latency (request written to response read, as autocannon measures it).
 * @throws when a response has another status, or on connection errors and timeouts
 */
export async function runHttpLoad(load: HttpLoad, rampMs: number, durationMs: number, window?: LoadWindow): Promise<LoadResult> {
  const latenciesMs: number[] = [];
  const unexpected = new Map<number, number>();
  const started = performance.now();
  const windowStart = started + rampMs;
  const windowEnd = windowStart + durationMs;
  let operations = 0;
  let finished!: (error: Error | null, result: autocannon.Result) => void;
  const done = new Promise<autocannon.Result>((resolve, reject) => {
    finished = (error, result) => (error ? reject(error) : resolve(result));
  });
  const instance = autocannon(
    {
      url: load.url,
      connections: load.connections,
      pipelining: 1,
      // autocannon stops at its first sample tick after the duration: tick often.
      duration: (rampMs + durationMs) / 1000,
      sampleInt: 50,
      timeout: 30,
      headers: load.headers,
      requests: load.requests,
    },
    (error, result) => finished(error, result),
  );
  instance.on('response', (_client, statusCode, _bytes, responseTime) => {
    if (statusCode !== load.expectedStatus) {
      unexpected.set(statusCode, (unexpected.get(statusCode) ?? 0) + 1);
      return;
    }
    const now = performance.now();
    if (now < windowStart || now > windowEnd) return;
    operations++;
    latenciesMs.push(responseTime);
  });
  const opening = setTimeout(() => window?.start(), rampMs);
  const closing = setTimeout(() => window?.end(), rampMs + durationMs);
  const result = await done;
  clearTimeout(opening);
  clearTimeout(closing);
  if (unexpected.size > 0 || result.errors > 0 || result.timeouts > 0) {
    const statuses = [...unexpected].map(([status, count]) => `${count} × ${status}`).join(', ');
    throw new Error(`HTTP load failed: ${statuses || 'no unexpected status'}; ${result.errors} errors, ${result.timeouts} timeouts`);
  }
  return { operations, seconds: durationMs / 1000, latenciesMs };
}
