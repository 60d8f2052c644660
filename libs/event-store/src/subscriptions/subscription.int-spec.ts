import { randomBytes, randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { type Kysely, sql } from 'kysely';
import { Client } from 'pg';
import { createTestDatabase, type TestDatabase } from '../../../../test/setup/test-database';
import type { NewEvent, StoredEvent } from '../event.types';
import { EventStore } from '../event-store';
import { eventStoreMigrations } from '../migrations';
import { appendRequest, eventually, FAST_SUBSCRIPTIONS, newEvent, newTenant, sleep, testMetadata } from '../testing/event-store-fixtures';
import { ChangeNotifier } from './change-notifier';
import { CheckpointStore } from './checkpoint-store';
import type { SubscriptionHandler, SubscriptionOptions } from './subscription-handler';
import { SubscriptionManager, type SubscriptionStatus } from './subscription-manager';

interface HandledRow {
  readonly event_id: string;
  readonly position: string;
  readonly consumer: string;
}

const masterKey = randomBytes(32);
const tenant = newTenant();

describe('durable subscriptions', () => {
  let t: TestDatabase;
  let db: Kysely<any>;
  let store: EventStore;
  const managers: SubscriptionManager[] = [];

  const manager = (handlers: SubscriptionHandler[], options: Partial<SubscriptionOptions> = {}): SubscriptionManager => {
    const created = new SubscriptionManager(store, t.database.pool, t.url, { ...FAST_SUBSCRIPTIONS, ...options });
    for (const handler of handlers) created.register(handler);
    managers.push(created);
    return created;
  };

  /** Writes one row per event into test_sub.handled, in the subscription's transaction. */
  const record = async (trx: Kysely<any>, subscription: string, consumer: string, event: StoredEvent) => {
    await sql`INSERT INTO test_sub.handled (subscription, consumer, event_id, position)
      VALUES (${subscription}, ${consumer}, ${event.id}, ${event.position.toString()})`.execute(trx);
  };

  const recorder = (name: string, streamType: string, consumer = 'main', beforeBatch?: () => Promise<void>): SubscriptionHandler => ({
    name,
    streamTypes: [streamType],
    async handle(trx, events) {
      await beforeBatch?.();
      for (const event of events) await record(trx, name, consumer, event);
    },
  });

  const handled = async (subscription: string): Promise<HandledRow[]> =>
    (
      await sql<HandledRow>`SELECT event_id, position::text AS position, consumer FROM test_sub.handled
        WHERE subscription = ${subscription} ORDER BY seq`.execute(db)
    ).rows;

  const ids = (rows: ReadonlyArray<{ event_id: string }>) => rows.map((r) => r.event_id);

  /**
   * The store's global order for a stream type: what every subscription must follow. Waits until
   * `count` are readable: an open transaction anywhere in the cluster holds readers back a moment.
   */
  const readAllOf = (streamType: string, count: number) =>
    eventually(() => store.readAll({ streamTypes: [streamType], limit: 100_000 }), (events) => events.length >= count, 5000, 'events readable');
  const globalOrder = async (streamType: string, count: number) => (await readAllOf(streamType, count)).map((e) => e.id);

  const appendVia = async (via: EventStore, streamId: string, streamType: string, count: number): Promise<string[]> => {
    const events = Array.from({ length: count }, (_, i) => newEvent('Happened', { i }));
    await via.append(appendRequest(tenant, streamId, streamType, events));
    return events.map((e) => e.id);
  };
  const append = (streamId: string, streamType: string, count: number) => appendVia(store, streamId, streamType, count);

  const checkpointRow = async (name: string) =>
    (
      await sql<{ tx: string; position: string; status: string }>`
        SELECT last_transaction_id::text AS tx, last_position::text AS position, status
        FROM event_store.subscriptions WHERE name = ${name}`.execute(db)
    ).rows[0];

  const statusOf = async (m: SubscriptionManager, name: string): Promise<SubscriptionStatus> =>
    (await m.statuses()).find((s) => s.name === name)!;

  beforeAll(async () => {
    Logger.overrideLogger(false); // retries and parking log warnings by design
    t = await createTestDatabase([eventStoreMigrations]);
    db = t.database.db;
    store = new EventStore({ db, masterKey });
    await sql`CREATE SCHEMA test_sub`.execute(db);
    // No unique constraint on event_id: a duplicate delivery must show up as a second row.
    await sql`CREATE TABLE test_sub.handled (
      seq bigserial PRIMARY KEY, subscription text NOT NULL, consumer text NOT NULL,
      event_id uuid NOT NULL, position bigint NOT NULL)`.execute(db);
  });

  afterEach(async () => {
    await Promise.all(managers.splice(0).map((m) => m.stop()));
  });

  afterAll(async () => {
    await t?.drop();
  });

  it('delivers every event once, in global order, across a restart; the checkpoint commits with the handler writes', async () => {
    const type = 'durable';
    for (let i = 0; i < 10; i++) await append(`d-${i % 3}`, type, 4);
    let slow = true;
    const first = manager([recorder('durable', type, 'first', async () => (slow ? sleep(25) : undefined))], { batchSize: 4 });
    await first.start();
    await eventually(() => handled('durable'), (rows) => rows.length >= 8);
    await first.stop();
    slow = false;

    const before = await handled('durable');
    const events = await readAllOf(type, 40);
    expect(before.length).toBeGreaterThan(0);
    expect(before.length).toBeLessThan(events.length); // stopped mid-way
    expect(ids(before)).toEqual(events.slice(0, before.length).map((e) => e.id));
    const lastHandled = events[before.length - 1];
    expect(await checkpointRow('durable')).toEqual({
      tx: lastHandled.transactionId.toString(),
      position: lastHandled.position.toString(),
      status: 'running',
    });

    for (let i = 0; i < 5; i++) await append(`d-${i % 3}`, type, 2); // appended while no consumer runs
    const second = manager([recorder('durable', type, 'second')], { batchSize: 4 });
    await second.start();

    // A transaction that appends first but commits after a later one must not be skipped.
    const late = new Client({ connectionString: t.url });
    await late.connect();
    const lateId = randomUUID();
    let earlyId: string;
    try {
      await late.query('BEGIN');
      await late.query(`SELECT * FROM event_store.append_events($1, 'd-late', $2, 'any', -1, $3, $4)`, [
        tenant,
        type,
        JSON.stringify([{ id: lateId, type: 'Late', data: {} }]),
        JSON.stringify(testMetadata()),
      ]);
      [earlyId] = await append('d-early', type, 1);
      await sleep(300); // several polls while the earlier transaction is still open
      expect(ids(await handled('durable'))).not.toContain(earlyId);
      await late.query('COMMIT');
    } finally {
      await late.end();
    }

    const everything = await readAllOf(type, 40 + 10 + 2);
    const all = everything.map((e) => e.id);
    expect(all).toHaveLength(40 + 10 + 2);
    await eventually(() => handled('durable'), (rows) => rows.length >= all.length);
    await sleep(200); // would reveal a late duplicate
    const after = await handled('durable');
    expect(ids(after)).toEqual(all);
    expect(ids(after).indexOf(lateId)).toBeLessThan(ids(after).indexOf(earlyId!));
    expect(after.slice(before.length).every((r) => r.consumer === 'second')).toBe(true);
    const tail = everything.at(-1)!;
    expect(await checkpointRow('durable')).toMatchObject({ tx: tail.transactionId.toString(), position: tail.position.toString() });
  });

  it('is woken by NOTIFY after an append through a store with a notifier, long before its poll interval', async () => {
    const type = 'notified';
    const notifying = new EventStore({ db, masterKey, notifier: new ChangeNotifier(t.database.pool) });
    const m = manager([recorder('notified', type)], { pollIntervalMs: 10_000 });
    await m.start();
    const warmUp = await appendVia(notifying, 'n-1', type, 1);
    await eventually(() => handled('notified'), (rows) => rows.length === 1);
    await sleep(200); // now idle, waiting out its 10 s poll interval

    const silent = await appendVia(store, 'n-1', type, 1); // no notifier: nothing wakes the consumer
    await sleep(700);
    expect(ids(await handled('notified'))).toEqual(warmUp);

    const startedAt = Date.now();
    const woken = await appendVia(notifying, 'n-1', type, 1);
    await eventually(() => handled('notified'), (rows) => rows.length === 3, 1000, 'handled after NOTIFY');
    expect(Date.now() - startedAt).toBeLessThan(1000);
    expect(ids(await handled('notified'))).toEqual([...warmUp, ...silent, ...woken]);
  });

  it('still reacts promptly when the notified events were held back by an older open transaction', async () => {
    const type = 'held';
    const notifying = new EventStore({ db, masterKey, notifier: new ChangeNotifier(t.database.pool) });
    const m = manager([recorder('held', type)], { pollIntervalMs: 10_000 });
    await m.start();
    await sleep(200);
    // A write transaction that is not an append: it holds readers back and notifies nobody when it ends.
    const other = new Client({ connectionString: t.url });
    await other.connect();
    let appended: string[];
    try {
      await other.query('BEGIN');
      await other.query('SELECT pg_current_xact_id()');
      appended = await appendVia(notifying, 'h-1', type, 1); // notifies, but is not readable yet
      await sleep(300);
      expect(await handled('held')).toEqual([]);
      await other.query('COMMIT');
    } finally {
      await other.end();
    }
    await eventually(() => handled('held'), (rows) => rows.length === 1, 1000, 'handled once the older transaction ended');
    expect(ids(await handled('held'))).toEqual(appended);
  });

  it('falls back to polling when appends send no notification', async () => {
    const m = manager([recorder('polled', 'polled')], { pollIntervalMs: 100 });
    await m.start();
    await sleep(200);
    const appended = await append('p-1', 'polled', 2);
    await eventually(() => handled('polled'), (rows) => rows.length === 2, 1000, 'handled by polling');
    expect(ids(await handled('polled'))).toEqual(appended);
  });

  it('lets one process consume a subscription; a standby takes over from the checkpoint when it stops', async () => {
    const type = 'leased';
    const a = manager([recorder('leased', type, 'A')]);
    const b = manager([recorder('leased', type, 'B')]);
    await Promise.all([a.start(), b.start()]);
    const locals = async () => [(await statusOf(a, 'leased')).local, (await statusOf(b, 'leased')).local];
    await eventually(locals, (s) => s.includes('active') && s.includes('standby'), 3000, 'one active, one standby');

    const firstIds: string[] = [];
    for (let i = 0; i < 10; i++) {
      firstIds.push(...(await append(`l-${i % 2}`, type, 2)));
      await sleep(15); // spread over more than a lease retry interval
    }
    await eventually(() => handled('leased'), (rows) => rows.length >= firstIds.length);
    await sleep(300); // a second consumer would have had several chances
    const firstRows = await handled('leased');
    expect(ids(firstRows)).toEqual(firstIds);
    const activeConsumer = firstRows[0].consumer;
    expect(firstRows.every((r) => r.consumer === activeConsumer)).toBe(true);
    const [active, standby] = activeConsumer === 'A' ? [a, b] : [b, a];
    expect((await statusOf(standby, 'leased')).local).toBe('standby');

    await active.stop();
    const stoppedAt = Date.now();
    await eventually(() => statusOf(standby, 'leased'), (s) => s.local === 'active', 2000, 'standby takes the lease');
    expect(Date.now() - stoppedAt).toBeLessThan(FAST_SUBSCRIPTIONS.leaseRetryMs + 400);

    const moreIds: string[] = [];
    for (let i = 0; i < 5; i++) moreIds.push(...(await append(`l-${i % 2}`, type, 2)));
    await eventually(() => handled('leased'), (rows) => rows.length >= firstIds.length + moreIds.length);
    await sleep(200);
    const allRows = await handled('leased');
    expect(ids(allRows)).toEqual([...firstIds, ...moreIds]);
    expect(allRows.slice(firstIds.length).every((r) => r.consumer !== activeConsumer)).toBe(true);
  });

  it('retries a failing event with backoff, parks it, keeps other subscriptions going and resumes after a fix', async () => {
    const type = 'fragile';
    const maxAttempts = 4;
    const retryBaseMs = 25;
    let broken = true;
    const attempts: number[] = []; // when the handler was given the poison event
    const flaky: SubscriptionHandler = {
      name: 'flaky',
      streamTypes: [type],
      async handle(trx, events) {
        for (const event of events) {
          if (event.data.poison) {
            attempts.push(Date.now());
            if (broken) throw new Error(`cannot handle poison ${event.id}`);
          }
          await record(trx, 'flaky', 'main', event);
        }
      },
    };
    const m = manager([flaky, recorder('steady', type)], { maxAttempts, retryBaseMs });
    await m.start();
    const early = await append('f-1', type, 3);
    await eventually(() => handled('flaky'), (rows) => rows.length === 3);

    // One append, so one batch: two good events, the poison one, another good one.
    const batch: NewEvent[] = [
      newEvent('Happened', { n: 1 }),
      newEvent('Happened', { n: 2 }),
      newEvent('Poisoned', { poison: true }),
      newEvent('Happened', { n: 3 }),
    ];
    const appended = await store.append(appendRequest(tenant, 'f-1', type, batch));
    const parked = await eventually(() => statusOf(m, 'flaky'), (s) => s.status === 'failed', 5000, 'parked');
    expect(parked.failedPosition).toBe(appended.positions[2]);
    expect(parked.error).toContain(`cannot handle poison ${batch[2].id}`);
    expect(parked.local).toBe('failed');
    expect(parked.lag).toBe(2);
    expect(attempts).toHaveLength(maxAttempts);
    const waits = attempts.slice(1).map((at, i) => at - attempts[i]);
    expect(waits[1]).toBeGreaterThanOrEqual(2 * retryBaseMs - 2); // before the 3rd attempt
    expect(waits[2]).toBeGreaterThanOrEqual(4 * retryBaseMs - 2); // before the 4th: doubled
    // Events before the poison one are committed, with the checkpoint right before it.
    expect(ids(await handled('flaky'))).toEqual([...early, batch[0].id, batch[1].id]);
    expect((await checkpointRow('flaky')).position).toBe(appended.positions[1].toString());

    // Meanwhile the other subscription in the same manager goes on.
    const later = await append('f-2', type, 2);
    await eventually(() => handled('steady'), (rows) => rows.length === 3 + 4 + 2);
    await sleep(250);
    expect(attempts).toHaveLength(maxAttempts); // parked: no more tries
    expect(ids(await handled('flaky'))).toEqual([...early, batch[0].id, batch[1].id]);
    expect(await statusOf(m, 'flaky')).toMatchObject({ status: 'failed', failedPosition: appended.positions[2], lag: 4 });
    expect(await statusOf(m, 'steady')).toMatchObject({ status: 'running', lag: 0 });

    broken = false;
    expect(await m.resume('flaky')).toBe(true);
    const all = await globalOrder(type, 3 + 4 + 2);
    expect(all).toEqual([...early, ...batch.map((e) => e.id), ...later]);
    await eventually(() => handled('flaky'), (rows) => rows.length >= all.length, 3000, 'resumed');
    await sleep(150);
    expect(ids(await handled('flaky'))).toEqual(all);
    expect(ids(await handled('steady'))).toEqual(all);
    expect(await statusOf(m, 'flaky')).toMatchObject({ status: 'running', failedPosition: null, error: null, lag: 0, local: 'active' });
    expect(await m.resume('no-such-subscription')).toBe(false);
  });

  it('reports lag as the number of committed events of its stream types not consumed yet', async () => {
    const type = 'lagging';
    const m = manager([recorder('lagger', type)]);
    const neverStarted = manager([recorder('lagger-new', type)]);
    await m.start();
    await append('g-1', type, 3);
    const consumed = await eventually(() => handled('lagger'), (rows) => rows.length === 3);
    await eventually(() => statusOf(m, 'lagger'), (s) => s.lag === 0);
    await m.stop();

    await append('g-1', type, 4);
    await append('g-2', type, 1);
    await append('g-3', 'unrelated', 5);
    expect(await statusOf(m, 'lagger')).toMatchObject({
      status: 'running',
      lag: 5,
      position: BigInt(consumed[2].position),
      local: undefined,
    });
    expect(await statusOf(neverStarted, 'lagger-new')).toMatchObject({ status: 'new', lag: 8, position: 0n });

    await m.start();
    await eventually(() => statusOf(m, 'lagger'), (s) => s.lag === 0, 3000, 'caught up');
    expect(await handled('lagger')).toHaveLength(8);
  });

  describe('reading ahead', () => {
    /** A store whose global reads are logged: where each starts, and when. */
    const spiedStore = () => {
      const spied = new EventStore({ db, masterKey });
      const reads: Array<{ after: bigint; at: number }> = [];
      const readAllRows = spied.readAllRows.bind(spied);
      spied.readAllRows = (options = {}, via) => {
        reads.push({ after: options.after?.position ?? 0n, at: Date.now() });
        return readAllRows(options, via);
      };
      return { spied, reads };
    };
    const managerVia = (via: EventStore, handler: SubscriptionHandler, options: Partial<SubscriptionOptions>) => {
      const created = new SubscriptionManager(via, t.database.pool, t.url, { ...FAST_SUBSCRIPTIONS, ...options }).register(handler);
      managers.push(created);
      return created;
    };
    const appendBatches = async (streamType: string, count: number) => {
      for (let i = 0; i < count; i++) await append(`${streamType}-${i % 2}`, streamType, 5);
      return readAllOf(streamType, count * 5);
    };

    it('reads the next batch while a batch commits, loads the row now and then, delivers every event once, in order', async () => {
      const type = 'ahead';
      const all = await appendBatches(type, 6);
      const { spied, reads } = spiedStore();
      const handledUntil = new Map<bigint, number>(); // last position of a batch -> when its handler ended
      const loads = jest.spyOn(CheckpointStore.prototype, 'load');
      try {
        await managerVia(
          spied,
          {
            name: 'ahead',
            streamTypes: [type],
            async handle(trx, events) {
              await sleep(40);
              for (const event of events) await record(trx, 'ahead', 'main', event);
              handledUntil.set(events[events.length - 1].position, Date.now());
            },
          },
          { batchSize: 5, pollIntervalMs: 10_000 },
        ).start();
        await eventually(() => handled('ahead'), (rows) => rows.length >= all.length);
        await sleep(150);
        expect(ids(await handled('ahead'))).toEqual(all.map((e) => e.id));
        // The read after each batch started before that batch's handler was done.
        for (const batch of [0, 1, 2, 3, 4]) {
          const last = all[batch * 5 + 4].position;
          const read = reads.find((r) => r.after === last);
          expect(read?.at).toBeLessThan(handledUntil.get(last)!);
        }
        // At start and when the listener connects (a wake), not once per batch.
        expect(loads.mock.calls.filter(([name]) => name === 'ahead').length).toBeLessThanOrEqual(3);
      } finally {
        loads.mockRestore();
      }
    });

    it('does not commit a batch read ahead of a checkpoint someone else moved, and goes on from the moved one', async () => {
      const type = 'moved';
      const all = await appendBatches(type, 6);
      const { spied, reads } = spiedStore();
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      let held = false;
      await managerVia(
        spied,
        {
          name: 'moved',
          streamTypes: [type],
          async handle(trx, events) {
            if (events[0].id === all[10].id) {
              held = true;
              await gate;
            }
            for (const event of events) await record(trx, 'moved', 'main', event);
          },
        },
        { batchSize: 5, pollIntervalMs: 10_000 },
      ).start();
      try {
        await eventually(
          async () => held && reads.some((r) => r.after === all[14].position),
          Boolean,
          5000,
          'the third batch in its handler, the fourth read ahead',
        );
        // Someone else (a rebuild's swap, an operator) moves the checkpoint to the 20th event.
        await sql`UPDATE event_store.subscriptions
          SET last_transaction_id = ${all[19].transactionId.toString()}::xid8, last_position = ${all[19].position.toString()}
          WHERE name = 'moved'`.execute(db);
      } finally {
        release();
      }
      await eventually(() => handled('moved'), (rows) => rows.length >= 20);
      await sleep(200);
      expect(ids(await handled('moved'))).toEqual([...all.slice(0, 10), ...all.slice(20)].map((e) => e.id));
    });

    it('drops the batch read ahead when a batch fails, and still delivers every event once, in order', async () => {
      const type = 'ahead-fail';
      const all = await appendBatches(type, 6);
      let failures = 0;
      await managerVia(
        store,
        {
          name: 'ahead-fail',
          streamTypes: [type],
          async handle(trx, events) {
            if (events.length > 1 && events[0].id === all[5].id && failures++ === 0) throw new Error('not this time');
            for (const event of events) await record(trx, 'ahead-fail', 'main', event);
          },
        },
        { batchSize: 5 },
      ).start();
      await eventually(() => handled('ahead-fail'), (rows) => rows.length >= all.length);
      await sleep(200);
      expect(failures).toBe(1);
      expect(ids(await handled('ahead-fail'))).toEqual(all.map((e) => e.id));
    });
  });
});
