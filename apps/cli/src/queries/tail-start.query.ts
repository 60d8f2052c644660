import { type Kysely, sql } from 'kysely';
import { type Checkpoint, START } from '@cm/event-store';

export interface EventFilter {
  readonly tenant?: string;
  readonly streamTypes?: readonly string[];
}

/**
 * The checkpoint just before the latest `count` committed events matching the
 * filter, so that reading forwards from it yields those events in commit order.
 * Like the store's readers, it only looks at transactions no longer in flight.
 * ORDER BY is qualified: a bare `transaction_id` there names the `::text` output
 * column, which sorts as text ('10' < '9').
 */
export async function tailStart(db: Kysely<any>, count: number, filter: EventFilter = {}): Promise<Checkpoint> {
  const types = filter.streamTypes && filter.streamTypes.length > 0 ? filter.streamTypes : undefined;
  const { rows } = await sql<{ transaction_id: string; global_position: string }>`
    SELECT transaction_id::text AS transaction_id, global_position FROM event_store.events
    WHERE transaction_id < pg_snapshot_xmin(pg_current_snapshot())
      ${types ? sql`AND stream_type = ANY(${types as string[]}::text[])` : sql``}
      ${filter.tenant ? sql`AND tenant_id = ${filter.tenant}::uuid` : sql``}
    ORDER BY events.transaction_id DESC, events.global_position DESC
    OFFSET ${count} LIMIT 1`.execute(db);
  const row = rows[0];
  return row ? { transactionId: BigInt(row.transaction_id), position: BigInt(row.global_position) } : START;
}
