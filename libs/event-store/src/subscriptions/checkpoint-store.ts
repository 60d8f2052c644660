import { type Kysely, sql } from 'kysely';
import type { Checkpoint, StoredEvent } from '../event.types';

export interface SubscriptionRow {
  readonly name: string;
  readonly checkpoint: Checkpoint;
  readonly status: 'running' | 'failed';
  readonly failedPosition: bigint | null;
  readonly failedEventId: string | null;
  readonly error: string | null;
  readonly attempts: number;
  readonly updatedAt: Date;
}

/** Another consumer (or a rebuild swap) moved the checkpoint under us: reload, do not commit. */
export class CheckpointMovedError extends Error {}

/** The subscriptions table: checkpoints and parked failures. */
export class CheckpointStore {
  constructor(private readonly db: Kysely<any>) {}

  async ensure(name: string): Promise<void> {
    await sql`INSERT INTO event_store.subscriptions (name) VALUES (${name}) ON CONFLICT (name) DO NOTHING`.execute(this.db);
  }

  async load(name: string): Promise<SubscriptionRow | undefined> {
    return (await this.list([name]))[0];
  }

  async list(names?: readonly string[]): Promise<SubscriptionRow[]> {
    const { rows } = await sql<Record<string, any>>`
      SELECT name, last_transaction_id::text AS tx, last_position, status, failed_position, failed_event_id, error, attempts, updated_at
      FROM event_store.subscriptions
      ${names ? sql`WHERE name = ANY(${names as string[]}::text[])` : sql``}
      ORDER BY name`.execute(this.db);
    return rows.map((r) => ({
      name: r.name,
      checkpoint: { transactionId: BigInt(r.tx), position: BigInt(r.last_position) },
      status: r.status,
      failedPosition: r.failed_position === null ? null : BigInt(r.failed_position),
      failedEventId: r.failed_event_id,
      error: r.error,
      attempts: r.attempts,
      updatedAt: r.updated_at,
    }));
  }

  /** Advances from `from` to `to` inside `trx`; throws when the checkpoint is no longer `from`. */
  async advance(trx: Kysely<any>, name: string, from: Checkpoint, to: Checkpoint): Promise<void> {
    const result = await sql`
      UPDATE event_store.subscriptions
      SET last_transaction_id = ${to.transactionId.toString()}::xid8, last_position = ${to.position.toString()},
          attempts = 0, updated_at = now()
      WHERE name = ${name} AND status = 'running'
        AND last_transaction_id = ${from.transactionId.toString()}::xid8 AND last_position = ${from.position.toString()}`.execute(trx);
    if (Number(result.numAffectedRows ?? 0) !== 1) throw new CheckpointMovedError(name);
  }

  /** Sets the checkpoint outright (rebuild swap, reset). */
  async set(trx: Kysely<any>, name: string, to: Checkpoint): Promise<void> {
    await sql`
      INSERT INTO event_store.subscriptions (name, last_transaction_id, last_position)
      VALUES (${name}, ${to.transactionId.toString()}::xid8, ${to.position.toString()})
      ON CONFLICT (name) DO UPDATE SET last_transaction_id = EXCLUDED.last_transaction_id,
        last_position = EXCLUDED.last_position, status = 'running', failed_position = NULL,
        failed_event_id = NULL, error = NULL, attempts = 0, updated_at = now()`.execute(trx);
  }

  async park(name: string, event: StoredEvent, error: string, attempts: number): Promise<void> {
    await sql`
      UPDATE event_store.subscriptions
      SET status = 'failed', failed_position = ${event.position.toString()}, failed_event_id = ${event.id},
          error = ${error}, attempts = ${attempts}, updated_at = now()
      WHERE name = ${name}`.execute(this.db);
  }

  /** Restarts a parked subscription at the event that failed. Returns false for an unknown name. */
  async resume(name: string): Promise<boolean> {
    const result = await sql`
      UPDATE event_store.subscriptions
      SET status = 'running', failed_position = NULL, failed_event_id = NULL, error = NULL, attempts = 0, updated_at = now()
      WHERE name = ${name}`.execute(this.db);
    return Number(result.numAffectedRows ?? 0) === 1;
  }
}
