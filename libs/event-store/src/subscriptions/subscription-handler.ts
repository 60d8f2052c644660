import type { Kysely } from 'kysely';
import type { StoredEvent } from '../event.types';

/**
 * A durable, named consumer of events in commit order. `handle` runs inside
 * the transaction that also advances the checkpoint: its database writes and
 * the checkpoint commit together, so each event takes effect exactly once.
 */
export interface SubscriptionHandler {
  readonly name: string;
  /** Stream types it reads; empty or absent = all. */
  readonly streamTypes?: readonly string[];
  handle(trx: Kysely<any>, events: readonly StoredEvent[]): Promise<void>;
}

export interface SubscriptionOptions {
  /** Events per transaction. */
  readonly batchSize: number;
  /** Polling fallback when no notification arrives. */
  readonly pollIntervalMs: number;
  /** Tries of one failing event before the subscription is parked as failed. */
  readonly maxAttempts: number;
  /** First retry delay; doubles each try. */
  readonly retryBaseMs: number;
  /** How often a standby process tries to take over the lease. */
  readonly leaseRetryMs: number;
}

export const DEFAULT_SUBSCRIPTION_OPTIONS: SubscriptionOptions = {
  batchSize: 1000,
  pollIntervalMs: 1000,
  maxAttempts: 5,
  retryBaseMs: 200,
  leaseRetryMs: 2000,
};
