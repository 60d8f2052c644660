/**
 * Why KvK gave no answer:
 * - `unauthorized`: the API key was refused (401/403); retrying will not help until it is fixed;
 * - `rate-limited`: KvK asks to wait longer than the client is willing to (see `retryAfterSeconds`);
 * - `unavailable`: KvK is down, erred, timed out or answered something unreadable, retries included.
 */
export type KvkClientErrorKind = 'unauthorized' | 'rate-limited' | 'unavailable';

/** Thrown by {@link KvkClient} when KvK gives no usable answer; "unknown company" is not an error. */
export class KvkClientError extends Error {
  override readonly name = 'KvkClientError';

  constructor(
    readonly kind: KvkClientErrorKind,
    message: string,
    /** For `rate-limited`: what KvK's `Retry-After` asked for, when it said. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}
