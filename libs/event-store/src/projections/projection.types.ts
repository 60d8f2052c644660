import type { Kysely } from 'kysely';
import type { StoredEvent } from '../event.types';

/**
 * A read model kept in the same transaction as the append that caused it:
 * readers see it at once (read-after-write). It must be idempotent.
 */
export interface InlineProjection {
  readonly name: string;
  /** Stream types it reacts to. */
  readonly streamTypes: readonly string[];
  apply(trx: Kysely<any>, events: readonly StoredEvent[]): Promise<void>;
}

/**
 * Where a projection writes: its logical table names resolve to the live
 * tables, or to shadow tables while it is being rebuilt.
 */
export interface ProjectionTables {
  /** Schema-qualified name of the table to write, e.g. `customer.customer_list`. */
  table(logicalName: string): string;
}

/**
 * A read model built asynchronously by a durable subscription. The runner
 * commits the checkpoint in the same transaction as `apply`'s writes, so each
 * event takes effect exactly once.
 */
export interface Projection {
  readonly name: string;
  /** Stream types it reads; empty or absent = all. */
  readonly streamTypes?: readonly string[];
  /** Schema-qualified tables it owns (rebuilt into shadow copies, then swapped). */
  readonly tables: readonly string[];
  /**
   * Kept inline by the appends (also registered as an InlineProjection), not by
   * a subscription: a rebuild then has no checkpoint to hand over.
   */
  readonly inline?: boolean;
  apply(trx: Kysely<any>, events: readonly StoredEvent[], tables: ProjectionTables): Promise<void>;
}
