import { randomUUID } from 'node:crypto';
import type { AppendRequest, EventMetadata, NewEvent } from '../event.types';
import type { SubscriptionOptions } from '../subscriptions/subscription-handler';

/** Helpers for the event store's own tests; not part of the public API. */

export const newTenant = (): string => randomUUID();

export const testMetadata = (): EventMetadata => ({ correlationId: randomUUID(), actor: { type: 'system', id: 'test' } });

export const newEvent = <D>(type: string, data: D, extra: Partial<Omit<NewEvent<D>, 'type' | 'data'>> = {}): NewEvent<D> => ({
  id: randomUUID(),
  type,
  data,
  ...extra,
});

/** An append to `streamId` at any version, with fresh metadata. */
export const appendRequest = (
  tenant: string,
  streamId: string,
  streamType: string,
  events: readonly NewEvent[],
  over: Partial<AppendRequest> = {},
): AppendRequest => ({ tenant, streamId, streamType, expectedVersion: 'any', events, metadata: testMetadata(), ...over });

/** Small intervals so that subscription tests run in milliseconds. */
export const FAST_SUBSCRIPTIONS: SubscriptionOptions = {
  batchSize: 100,
  pollIntervalMs: 100,
  maxAttempts: 3,
  retryBaseMs: 10,
  leaseRetryMs: 100,
};

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `probe` until `accept` holds; fails with the last value seen after `timeoutMs`. */
export async function eventually<T>(probe: () => Promise<T>, accept: (value: T) => boolean, timeoutMs = 5000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (accept(value)) return value;
    if (Date.now() > deadline) {
      const shown = JSON.stringify(value, (_, v) => (typeof v === 'bigint' ? v.toString() : v));
      throw new Error(`${what} not reached within ${timeoutMs} ms; last value: ${shown?.slice(0, 500)}`);
    }
    await sleep(20);
  }
}
