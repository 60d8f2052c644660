import { randomBytes } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { type Kysely, sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from '../../../../test/setup/test-database';
import { EventStore } from '../event-store';
import { eventStoreMigrations } from '../migrations';
import { SubscriptionManager } from '../subscriptions/subscription-manager';
import { appendRequest, eventually, FAST_SUBSCRIPTIONS, newEvent, newTenant, sleep } from '../testing/event-store-fixtures';
import { projectionSubscription } from './projection-handler';
import { ProjectionRebuilder, type RebuildProgress } from './projection-rebuilder';
import type { Projection } from './projection.types';

interface CountRow {
  readonly stream_id: string;
  readonly events: number;
  readonly value: number;
}

const TYPE = 'counted';
const tenant = newTenant();

describe('ProjectionRebuilder', () => {
  let t: TestDatabase;
  let db: Kysely<any>;
  let store: EventStore;
  let live: SubscriptionManager | undefined;
  /** Work the rebuild's next batch waits for: reads and appends issued from onProgress. */
  let pending: Promise<unknown>[] = [];

  /** Per stream: how many events, and `factor` per event (the logic that changes between versions). */
  const counting = (factor: number): Projection => ({
    name: 'counts',
    streamTypes: [TYPE],
    tables: ['test_proj.counts'],
    async apply(trx, events, tables) {
      const target = tables.table('test_proj.counts');
      if (target !== 'test_proj.counts') {
        const waiting = pending;
        pending = [];
        await Promise.all(waiting);
      }
      for (const event of events) {
        await sql`INSERT INTO ${sql.table(target)} AS c (stream_id, events, value) VALUES (${event.streamId}, 1, ${factor})
          ON CONFLICT (stream_id) DO UPDATE SET events = c.events + 1, value = c.value + ${factor}`.execute(trx);
      }
    },
  });

  /** Runs the live subscription with this version of the logic, as a deployment would. */
  const deploy = async (factor: number) => {
    await live?.stop();
    live = new SubscriptionManager(store, t.database.pool, t.url, FAST_SUBSCRIPTIONS).register(projectionSubscription(counting(factor)));
    await live.start();
  };

  const append = async (streamId: string, count: number) =>
    store.append(appendRequest(tenant, streamId, TYPE, Array.from({ length: count }, (_, i) => newEvent('Counted', { i }))));

  const liveRows = async (): Promise<CountRow[]> =>
    (await sql<CountRow>`SELECT stream_id, events, value::int AS value FROM test_proj.counts ORDER BY stream_id`.execute(db)).rows;

  /** What the table must hold: per stream, its number of events and `factor` times that. */
  const expected = async (factor: number): Promise<CountRow[]> =>
    (
      await sql<CountRow>`SELECT stream_id, count(*)::int AS events, count(*)::int * ${factor}::int AS value
        FROM event_store.events WHERE stream_type = ${TYPE} GROUP BY stream_id ORDER BY stream_id`.execute(db)
    ).rows;

  const caughtUp = () => eventually(() => live!.statuses(), ([s]) => s.lag === 0 && s.status === 'running', 5000, 'live caught up');

  const indexes = async () =>
    (await sql<{ indexname: string }>`SELECT indexname FROM pg_indexes WHERE schemaname = 'test_proj' ORDER BY indexname`.execute(db)).rows.map(
      (r) => r.indexname,
    );
  const constraints = async () =>
    (
      await sql<{ conname: string }>`SELECT conname FROM pg_constraint WHERE conrelid = 'test_proj.counts'::regclass ORDER BY conname`.execute(db)
    ).rows.map((r) => r.conname);
  const shadowTables = async () =>
    (await sql<{ relname: string }>`SELECT relname FROM pg_class WHERE relname LIKE '%rebuild%'`.execute(db)).rows.map((r) => r.relname);

  beforeAll(async () => {
    Logger.overrideLogger(false);
    t = await createTestDatabase([eventStoreMigrations]);
    db = t.database.db;
    store = new EventStore({ db, masterKey: randomBytes(32) });
    await sql`CREATE SCHEMA test_proj`.execute(db);
    await sql`CREATE TABLE test_proj.counts (stream_id text PRIMARY KEY, events int NOT NULL, value bigint NOT NULL)`.execute(db);
    await sql`CREATE INDEX counts_by_value ON test_proj.counts (value)`.execute(db);
  });

  afterAll(async () => {
    await live?.stop();
    await t?.drop();
  });

  it('rebuilds with new logic while readers keep the old table, then swaps without losing or repeating events', async () => {
    const indexesBefore = await indexes();
    const constraintsBefore = await constraints();
    expect(indexesBefore).toEqual(['counts_by_value', 'counts_pkey']);

    await deploy(1);
    for (let i = 0; i < 12; i++) await append(`s-${i % 4}`, 4);
    await caughtUp();
    const oldRows = await liveRows();
    expect(oldRows).toEqual(await expected(1));

    // New logic: the live subscription runs it from now on, the rebuild replays history with it.
    await deploy(10);
    const midReads: CountRow[][] = [];
    let concurrent = 0;
    let rebuilding = true;
    const appender = (async () => {
      for (let i = 0; rebuilding; i++) {
        await append(`c-${i % 3}`, 1);
        concurrent++;
        await sleep(5);
      }
    })();
    const progress: RebuildProgress[] = [];
    let appendedDuring = false;
    const batchSize = 5;
    const result = await new ProjectionRebuilder(store, batchSize).rebuild(counting(10), (p) => {
      progress.push(p);
      // Only while more bulk batches surely follow: the next one waits for this work, so it happens before the swap.
      if (p.done > 0 && p.done + 2 * batchSize <= p.total) {
        pending.push(liveRows().then((rows) => midReads.push(rows)));
        if (!appendedDuring) pending.push(append('c-during', 2));
        appendedDuring = true;
      }
    });
    rebuilding = false;
    await appender;

    // Before the swap, readers saw the complete old table for the old streams.
    expect(midReads.length).toBeGreaterThanOrEqual(3);
    for (const rows of midReads) {
      expect(rows.filter((r) => r.stream_id.startsWith('s-'))).toEqual(oldRows);
    }
    expect(concurrent).toBeGreaterThan(0);
    expect(progress.at(-1)).toEqual(result);
    expect(result.done).toBeGreaterThanOrEqual(48);

    // After the swap: the new logic for every event, including those appended during the rebuild.
    await caughtUp();
    expect(await liveRows()).toEqual(await expected(10));
    expect((await liveRows()).map((r) => r.stream_id)).toEqual(expect.arrayContaining(['c-0', 'c-during']));

    // The live subscription goes on from the swap's checkpoint: no gap, no duplicate.
    await append('s-0', 3);
    await append('c-0', 2);
    await append('n-1', 1);
    await caughtUp();
    await sleep(150);
    expect(await liveRows()).toEqual(await expected(10));

    expect(await shadowTables()).toEqual([]);
    expect(await indexes()).toEqual(indexesBefore);
    expect(await constraints()).toEqual(constraintsBefore);
  });

  it('rebuilds again, with the indexes and constraints still named as before', async () => {
    const indexesBefore = await indexes();
    const constraintsBefore = await constraints();
    expect(constraintsBefore).toContain('counts_pkey');
    await deploy(100);
    await append('s-1', 2);
    await new ProjectionRebuilder(store, 7).rebuild(counting(100));
    await caughtUp();
    expect(await liveRows()).toEqual(await expected(100));
    await append('s-2', 1);
    await caughtUp();
    expect(await liveRows()).toEqual(await expected(100));
    expect(await shadowTables()).toEqual([]);
    expect(await indexes()).toEqual(indexesBefore);
    expect(await constraints()).toEqual(constraintsBefore);
    // The swapped-in table still enforces its primary key.
    await expect(sql`INSERT INTO test_proj.counts VALUES ('s-1', 1, 1)`.execute(db)).rejects.toMatchObject({ code: '23505' });
  });
});
