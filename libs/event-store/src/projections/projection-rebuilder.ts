import { type Kysely, sql } from 'kysely';
import { type Checkpoint, checkpointOf, START } from '../event.types';
import type { EventStore } from '../event-store';
import { CheckpointStore } from '../subscriptions/checkpoint-store';
import type { Projection, ProjectionTables } from './projection.types';

export interface RebuildProgress {
  readonly done: number;
  readonly total: number;
}

const SHADOW_SUFFIX = '__rebuild';

const split = (qualified: string): [string, string] => {
  const [schema, table] = qualified.includes('.') ? qualified.split('.') : ['public', qualified];
  return [schema, table];
};
const shadowOf = (qualified: string) => `${qualified}${SHADOW_SUFFIX}`;
const ident = (qualified: string) => sql.table(qualified);

/**
 * Rebuilds a projection without downtime: replays every event into shadow
 * tables while readers keep the live ones, then, under a short exclusive lock,
 * catches up the last events, swaps the tables and hands the checkpoint to
 * the live subscription, all in one transaction.
 */
export class ProjectionRebuilder {
  private readonly checkpoints: CheckpointStore;

  constructor(
    private readonly store: EventStore,
    private readonly batchSize = 2000,
  ) {
    this.checkpoints = new CheckpointStore(store.db);
  }

  async rebuild(projection: Projection, onProgress: (progress: RebuildProgress) => void = () => undefined): Promise<RebuildProgress> {
    const shadow: ProjectionTables = { table: (name) => (projection.tables.includes(name) ? shadowOf(name) : name) };
    for (const table of projection.tables) {
      await sql`DROP TABLE IF EXISTS ${ident(shadowOf(table))}`.execute(this.store.db);
      await sql`CREATE TABLE ${ident(shadowOf(table))} (LIKE ${ident(table)} INCLUDING ALL)`.execute(this.store.db);
    }
    const total = await this.store.countAfter(START, projection.streamTypes);
    let done = 0;
    let checkpoint: Checkpoint = START;
    onProgress({ done, total });

    // Bulk of the work, outside any lock: readers and the live subscription go on.
    for (;;) {
      const applied = await this.store.db.transaction().execute((trx) => this.applyBatch(trx, projection, shadow, checkpoint));
      if (!applied) break;
      checkpoint = applied.checkpoint;
      done += applied.count;
      onProgress({ done, total: Math.max(total, done) });
      if (applied.count < this.batchSize) break;
    }

    // The swap: lock live tables (waits for the live subscription's open batch), catch up, rename.
    await this.store.db.transaction().execute(async (trx) => {
      const live = [...projection.tables].sort();
      await sql`LOCK TABLE ${sql.join(live.map(ident))} IN ACCESS EXCLUSIVE MODE`.execute(trx);
      // Inline projections: every writer of these streams now waits on our lock, so all that
      // committed is final; an append still open applies itself to the new tables after the swap.
      const horizon = projection.inline ? 'visible' : 'settled';
      for (;;) {
        const applied = await this.applyBatch(trx, projection, shadow, checkpoint, horizon);
        if (!applied) break;
        checkpoint = applied.checkpoint;
        done += applied.count;
      }
      if (!projection.inline) await this.checkpoints.set(trx, projection.name, checkpoint);
      for (const table of live) await swap(trx, table);
    });
    onProgress({ done, total: done });
    return { done, total: done };
  }

  private async applyBatch(
    trx: Kysely<any>,
    projection: Projection,
    tables: ProjectionTables,
    after: Checkpoint,
    horizon: 'settled' | 'visible' = 'settled',
  ) {
    const rows = await this.store.readAllRows({ after, streamTypes: projection.streamTypes, limit: this.batchSize, horizon }, trx);
    if (rows.length === 0) return undefined;
    const events = await this.store.decode(rows);
    await projection.apply(trx, events, tables);
    return { checkpoint: checkpointOf(events[events.length - 1]), count: events.length };
  }
}

/** Shadow becomes live; its indexes get the live names back (matched by definition: LIKE names them anew). */
async function swap(trx: Kysely<any>, table: string): Promise<void> {
  const [schema, name] = split(table);
  const definitions = async (tablename: string) =>
    (
      await sql<{ indexname: string; shape: string }>`
        SELECT indexname, replace(indexdef, 'INDEX ' || quote_ident(indexname) || ' ON ', 'INDEX ON ') AS shape
        FROM pg_indexes WHERE schemaname = ${schema} AND tablename = ${tablename} ORDER BY indexname`.execute(trx)
    ).rows;
  const liveIndexes = await definitions(name);
  await sql`DROP TABLE ${ident(table)}`.execute(trx);
  await sql`ALTER TABLE ${ident(shadowOf(table))} RENAME TO ${sql.id(name)}`.execute(trx);
  for (const { indexname, shape } of await definitions(name)) {
    const match = liveIndexes.findIndex((live) => live.shape === shape);
    const liveName = match >= 0 ? liveIndexes.splice(match, 1)[0].indexname : indexname.replace(SHADOW_SUFFIX, '');
    if (liveName !== indexname) await sql`ALTER INDEX ${sql.id(schema, indexname)} RENAME TO ${sql.id(liveName)}`.execute(trx);
  }
}
