/** What the clients of remote registries (VIES, KvK) share: reading replies, describing failures, spacing retries. */

export type JsonObject = Readonly<Record<string, unknown>>;

/** The body as a JSON object; undefined for anything else (an HTML error page, an array, a truncated body). */
export function parseJsonObject(body: string): JsonObject | undefined {
  try {
    const value: unknown = JSON.parse(body);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonObject) : undefined;
  } catch {
    return undefined;
  }
}

/** Why a `fetch` with `AbortSignal.timeout(timeoutMs)` failed: the timeout, or the network error's code. */
export function describeFetchFailure(error: unknown, timeoutMs: number): { readonly timedOut: boolean; readonly detail: string } {
  // Duck-typed: the abort's DOMException need not be an instance of this realm's Error.
  const { name, message, cause } = (typeof error === 'object' && error !== null ? error : {}) as Partial<Record<'name' | 'message' | 'cause', unknown>>;
  if (name === 'TimeoutError') return { timedOut: true, detail: `no answer within ${timeoutMs} ms` };
  // fetch rejects with `TypeError: fetch failed` and the useful part (ECONNREFUSED, ...) in `cause`.
  const code = typeof cause === 'object' && cause !== null ? (cause as { code?: unknown }).code : undefined;
  const detail = typeof code === 'string' ? code : typeof message === 'string' ? message : String(error);
  return { timedOut: false, detail: `network error (${detail})` };
}

/** The pause before retry number `retry` (0-based): doubles each time, +-25% jitter so callers that failed together do not retry together. */
export function backoffDelay(baseMs: number, retry: number): number {
  return Math.round(baseMs * 2 ** retry * (0.75 + Math.random() * 0.5));
}

/** Refuses retry settings a client cannot work with. */
export function checkRetryOptions(retries: number, timeoutMs: number): void {
  if (!Number.isInteger(retries) || retries < 0) throw new RangeError(`retries must be a whole number >= 0, got ${retries}`);
  if (!(timeoutMs > 0)) throw new RangeError(`timeoutMs must be positive, got ${timeoutMs}`);
}
