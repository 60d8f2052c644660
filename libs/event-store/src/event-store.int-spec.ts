import { randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { Client } from 'pg';
import { createTestDatabase, type TestDatabase } from '../../../test/setup/test-database';
import { EventIdConflictError, WrongExpectedVersionError } from './errors';
import type { AppendRequest, ExpectedVersion, NewEvent, StoredEvent } from './event.types';
import { EventStore } from './event-store';
import { eventStoreMigrations } from './migrations';
import type { InlineProjection } from './projections/projection.types';
import { eventually } from './testing/event-store-fixtures';

const tenant = randomUUID();
const metadata = { correlationId: randomUUID(), actor: { type: 'system', id: 'test' } } as const;
const event = (type = 'Thing', data: unknown = { n: 1 }): NewEvent => ({ id: randomUUID(), type, data });
const request = (streamId: string, expectedVersion: ExpectedVersion, events: NewEvent[], over: Partial<AppendRequest> = {}): AppendRequest => ({
  tenant,
  streamId,
  streamType: 'thing',
  expectedVersion,
  events,
  metadata,
  ...over,
});

describe('EventStore', () => {
  let t: TestDatabase;
  let store: EventStore;

  beforeAll(async () => {
    t = await createTestDatabase([eventStoreMigrations]);
    store = new EventStore({ db: t.database.db, pool: t.database.pool, masterKey: randomBytes(32) });
  });
  afterAll(() => t.drop());

  describe('append', () => {
    it('appends to a new stream with versions from 1 and increasing global positions', async () => {
      const result = await store.append(request('s-new', 'no_stream', [event(), event(), event()]));
      expect(result.version).toBe(3);
      expect(result.duplicate).toBe(false);
      expect(result.positions[0] < result.positions[1] && result.positions[1] < result.positions[2]).toBe(true);
      const events = await store.readStream(tenant, 's-new');
      expect(events.map((e) => e.version)).toEqual([1, 2, 3]);
      expect(events.map((e) => e.position)).toEqual(result.positions);
    });

    it('records metadata, schema version and the database time on every event', async () => {
      const before = await sql<{ now: Date }>`SELECT now()`.execute(t.database.db);
      await store.append(request('s-meta', 'no_stream', [{ ...event(), schemaVersion: 2 }], {
        metadata: { ...metadata, causationId: 'c-1', requestId: 'r-1' },
      }));
      const [stored] = await store.readStream(tenant, 's-meta');
      expect(stored.metadata).toEqual({ ...metadata, causationId: 'c-1', requestId: 'r-1' });
      expect(stored.schemaVersion).toBe(2);
      expect(stored.tenant).toBe(tenant);
      expect(stored.recordedAt.getTime()).toBeGreaterThanOrEqual(before.rows[0].now.getTime());
    });

    it('checks an exact expected version and reports the actual one', async () => {
      await store.append(request('s-exact', 0, [event(), event()]));
      await store.append(request('s-exact', 2, [event()]));
      const error = await store.append(request('s-exact', 2, [event()])).catch((e) => e);
      expect(error).toBeInstanceOf(WrongExpectedVersionError);
      expect(error.actualVersion).toBe(3);
      expect(error.code).toBe('EVENT_STORE.WRONG_EXPECTED_VERSION');
      expect((await store.readStream(tenant, 's-exact')).length).toBe(3);
    });

    it('enforces no_stream, stream_exists and accepts any', async () => {
      await store.append(request('s-cond', 'no_stream', [event()]));
      await expect(store.append(request('s-cond', 'no_stream', [event()]))).rejects.toMatchObject({ actualVersion: 1 });
      await expect(store.append(request('s-missing', 'stream_exists', [event()]))).rejects.toMatchObject({ actualVersion: 0 });
      await store.append(request('s-cond', 'stream_exists', [event()]));
      expect((await store.append(request('s-cond', 'any', [event()]))).version).toBe(3);
      expect((await store.append(request('s-any-new', 'any', [event()]))).version).toBe(1);
    });

    it('lets exactly one of many concurrent writers at the same version win', async () => {
      await store.append(request('s-race', 'no_stream', [event()]));
      const results = await Promise.allSettled(Array.from({ length: 20 }, () => store.append(request('s-race', 1, [event()]))));
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(rejected.every((r) => r.reason instanceof WrongExpectedVersionError && r.reason.actualVersion === 2)).toBe(true);
      expect((await store.readStream(tenant, 's-race')).map((e) => e.version)).toEqual([1, 2]);
    });

    it('lets one of many concurrent writers of a new stream win; the others learn its version', async () => {
      const results = await Promise.allSettled(
        Array.from({ length: 10 }, (_, i) => store.append(request('s-new-race', i % 2 === 0 ? 'no_stream' : 0, [event(), event()]))),
      );
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(rejected.every((r) => r.reason instanceof WrongExpectedVersionError && r.reason.actualVersion === 2)).toBe(true);
      expect((await store.readStream(tenant, 's-new-race')).map((e) => e.version)).toEqual([1, 2]);
    });

    it('lets every concurrent writer with any or stream_exists through, one version after another', async () => {
      await store.append(request('s-any-race', 'no_stream', [event()]));
      const results = await Promise.all(
        Array.from({ length: 12 }, (_, i) => store.append(request('s-any-race', i % 3 === 0 ? 'stream_exists' : 'any', [event(), event()]))),
      );
      expect(results.map((r) => r.version).sort((a, b) => a - b)).toEqual(Array.from({ length: 12 }, (_, i) => 3 + 2 * i));
      expect((await store.readStream(tenant, 's-any-race')).map((e) => e.version)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    });

    it('treats a retry with the same event ids as the same append: same result, nothing written twice', async () => {
      const req = request('s-retry', 'no_stream', [event(), event()]);
      const first = await store.append(req);
      const again = await store.append(req); // expected version no longer holds, yet it is a retry
      expect(again).toEqual({ ...first, duplicate: true });
      expect((await store.readStream(tenant, 's-retry')).length).toBe(2);
    });

    it('dedupes concurrent retries of one append', async () => {
      const req = request('s-retry-race', 'any', [event()]);
      const results = await Promise.all(Array.from({ length: 8 }, () => store.append(req)));
      expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
      expect(new Set(results.map((r) => r.positions[0]))).toEqual(new Set([results[0].positions[0]]));
      expect((await store.readStream(tenant, 's-retry-race')).length).toBe(1);
    });

    it('refuses an append that reuses only some stored event ids', async () => {
      const stored = event();
      await store.append(request('s-partial', 'no_stream', [stored]));
      await expect(store.append(request('s-partial', 'any', [stored, event()]))).rejects.toBeInstanceOf(EventIdConflictError);
      expect((await store.readStream(tenant, 's-partial')).length).toBe(1);
    });

    it('refuses an append whose first event id is new but a later one is stored, at once', async () => {
      const stored = event();
      await store.append(request('s-partial-later', 'no_stream', [stored]));
      await expect(store.append(request('s-partial-later', 'any', [event(), stored]))).rejects.toBeInstanceOf(EventIdConflictError);
      await expect(store.append(request('s-partial-elsewhere', 'no_stream', [event(), event(), stored]))).rejects.toBeInstanceOf(
        EventIdConflictError,
      );
      expect((await store.readStream(tenant, 's-partial-later')).length).toBe(1);
      expect(await store.readStream(tenant, 's-partial-elsewhere')).toEqual([]);
    });

    describe('while another transaction is storing some of the same event ids', () => {
      let held: Client;
      beforeEach(async () => {
        held = new Client({ connectionString: t.url });
        await held.connect();
      });
      afterEach(() => held.end());

      /** Appends in `held`'s open transaction. */
      const holdAppend = async (streamId: string, events: NewEvent[]) => {
        await held.query('BEGIN');
        const { rows } = await held.query(`SELECT * FROM event_store.append_events($1, $2, 'thing', 'any', -1, $3, $4)`, [
          tenant,
          streamId,
          JSON.stringify(events.map(({ id, type, data }) => ({ id, type, data }))),
          JSON.stringify(metadata),
        ]);
        return rows[0] as { stream_version: string; positions: string[] };
      };
      /** Until an append of this test's database waits on a lock (the held transaction's rows). */
      const waitingOnLock = () =>
        eventually(
          async () =>
            (
              await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_stat_activity
                WHERE datname = current_database() AND wait_event_type = 'Lock'`.execute(t.database.db)
            ).rows[0].n,
          (n) => n > 0,
          5000,
          'an append waiting on the held transaction',
        );

      it('waits for a writer that took the expected version: refused when it commits, written when it rolls back', async () => {
        await store.append(request('s-held-version', 'no_stream', [event()]));
        await holdAppend('s-held-version', [event()]);
        // The outcome is watched before COMMIT: the append may fail before COMMIT's reply reaches this client.
        const loser = expect(store.append(request('s-held-version', 1, [event()]))).rejects.toMatchObject({
          constructor: WrongExpectedVersionError,
          actualVersion: 2,
        });
        await waitingOnLock();
        await held.query('COMMIT');
        await loser;

        await holdAppend('s-held-version', [event()]);
        const winner = store.append(request('s-held-version', 2, [event()]));
        await waitingOnLock();
        await held.query('ROLLBACK');
        expect((await winner).version).toBe(3);
        expect((await store.readStream(tenant, 's-held-version')).map((e) => e.version)).toEqual([1, 2, 3]);
      });

      it('returns the result of an identical append with an expected version that commits first', async () => {
        const events = [event(), event()];
        const first = await holdAppend('s-held-exact', events);
        const retry = store.append(request('s-held-exact', 'no_stream', events));
        await waitingOnLock();
        await held.query('COMMIT');
        expect(await retry).toEqual({ version: 2, positions: first.positions.map(BigInt), duplicate: true });
      });

      it('returns the result of the identical append that commits first', async () => {
        const events = [event(), event()];
        const first = await holdAppend('s-held-same', events);
        const retry = store.append(request('s-held-same', 'any', events));
        await waitingOnLock();
        await held.query('COMMIT');
        expect(await retry).toEqual({ version: 2, positions: first.positions.map(BigInt), duplicate: true });
        expect((await store.readStream(tenant, 's-held-same')).length).toBe(2);
      });

      it('refuses an append that overlaps one committing first, after one more try', async () => {
        const shared = event();
        await holdAppend('s-held-one', [event(), shared]);
        const overlapping = expect(store.append(request('s-held-other', 'any', [event(), shared]))).rejects.toBeInstanceOf(EventIdConflictError);
        await waitingOnLock();
        await held.query('COMMIT');
        await overlapping;
        expect(await store.readStream(tenant, 's-held-other')).toEqual([]);
      });
    });

    it('keeps tenants apart: same stream id, separate streams', async () => {
      const other = randomUUID();
      await store.append(request('s-shared-id', 'no_stream', [event()]));
      await store.append(request('s-shared-id', 'no_stream', [event()], { tenant: other }));
      expect((await store.readStream(tenant, 's-shared-id')).every((e) => e.tenant === tenant)).toBe(true);
      // Global reads wait for every older transaction on the server (other test files' too).
      expect(await eventually(() => store.readAll({ tenant: other }), (e) => e.length > 0)).toHaveLength(1);
    });

    it('appends through Kysely when no pool is given, with the same checks', async () => {
      const viaKysely = new EventStore({ db: t.database.db, masterKey: randomBytes(32) });
      const req = request('s-kysely', 'no_stream', [event(), event()]);
      expect(await viaKysely.append(req)).toMatchObject({ version: 2, duplicate: false });
      expect(await viaKysely.append(req)).toMatchObject({ version: 2, duplicate: true });
      await expect(viaKysely.append(request('s-kysely', 1, [event()]))).rejects.toMatchObject({ actualVersion: 2 });
      await expect(viaKysely.append(request('s-kysely', 'no_stream', [event()]))).rejects.toMatchObject({ actualVersion: 2 });
      expect((await viaKysely.append(request('s-kysely', 'any', [event()]))).version).toBe(3);
    });

    it('rejects malformed requests before touching the database', async () => {
      await expect(store.append(request('s-bad', 'any', []))).rejects.toThrow(/at least one event/);
      await expect(store.append(request('s-bad', 'any', [{ ...event(), id: 'nope' }]))).rejects.toThrow(/UUID/);
      await expect(store.append(request('s-bad', -1, [event()]))).rejects.toThrow(/expected version/);
      const twice = event();
      await expect(store.append(request('s-bad', 'any', [twice, event(), twice]))).rejects.toThrow(/twice/);
      expect(await store.readStream(tenant, 's-bad')).toEqual([]);
    });
  });

  describe('reading a stream', () => {
    beforeAll(async () => {
      for (let i = 1; i <= 5; i++) {
        await store.append(request('s-read', i - 1, [event('Counted', { i })]));
        await new Promise((r) => setTimeout(r, 5));
      }
    });

    it('reads forwards and backwards, between versions', async () => {
      const data = (events: StoredEvent[]) => events.map((e) => e.data.i);
      expect(data(await store.readStream(tenant, 's-read'))).toEqual([1, 2, 3, 4, 5]);
      expect(data(await store.readStream(tenant, 's-read', { direction: 'backwards' }))).toEqual([5, 4, 3, 2, 1]);
      expect(data(await store.readStream(tenant, 's-read', { fromVersion: 2, toVersion: 4 }))).toEqual([2, 3, 4]);
      expect(data(await store.readStream(tenant, 's-read', { direction: 'backwards', limit: 2 }))).toEqual([5, 4]);
    });

    it('folds a stream as of a version or a point in time', async () => {
      const fold = { initial: [] as number[], evolve: (s: number[], e: StoredEvent) => [...s, e.data.i] };
      expect(await store.aggregateStream(tenant, 's-read', fold, { toVersion: 3 })).toEqual({ state: [1, 2, 3], version: 3 });
      const third = (await store.readStream(tenant, 's-read', { fromVersion: 3, toVersion: 3 }))[0];
      expect((await store.aggregateStream(tenant, 's-read', fold, { at: third.recordedAt })).state).toEqual([1, 2, 3]);
      expect(await store.aggregateStream(tenant, 'nothing-here', fold)).toEqual({ state: [], version: 0 });
    });
  });

  describe('reading all events in commit order', () => {
    /** After every event committed so far (read directly: global reads may be held back by other tests' transactions). */
    const head = async () => {
      const { rows } = await sql<{ tx: string; pos: string }>`SELECT transaction_id::text AS tx, global_position AS pos
        FROM event_store.events ORDER BY transaction_id DESC, global_position DESC LIMIT 1`.execute(t.database.db);
      return { transactionId: BigInt(rows[0].tx), position: BigInt(rows[0].pos) };
    };

    it('filters by stream type', async () => {
      await store.append(request('order-1', 'no_stream', [event('Ordered')], { streamType: 'order' }));
      const orders = await eventually(() => store.readAll({ streamTypes: ['order'] }), (e) => e.length > 0);
      expect(orders.map((e) => e.streamId)).toEqual(['order-1']);
    });

    it('does not pass an event whose transaction commits late, and delivers it once it commits', async () => {
      const late = new Client({ connectionString: t.url });
      await late.connect();
      const after = await head();
      try {
        await late.query('BEGIN');
        await late.query(`SELECT * FROM event_store.append_events($1, 'late', 'thing', 'any', -1, $2, $3)`, [
          tenant,
          JSON.stringify([{ id: randomUUID(), type: 'Late', data: {} }]),
          JSON.stringify(metadata),
        ]);
        await store.append(request('early', 'any', [event('Early')])); // higher position, commits first
        expect(await store.readAll({ after })).toEqual([]); // a position-only reader would take Early and skip Late
        await late.query('COMMIT');
        const delivered = await eventually(() => store.readAll({ after }), (e) => e.length >= 2);
        expect(delivered.map((e) => e.type)).toEqual(['Late', 'Early']);
      } finally {
        await late.end();
      }
    });

    it('gives a reader every event exactly once while many writers commit out of order', async () => {
      const start = await head();
      const writers = 12;
      const perWriter = 15;
      const seen: StoredEvent[] = [];
      const deadline = Date.now() + 20_000;
      const reader = (async () => {
        let after = { transactionId: start.transactionId, position: start.position };
        while (seen.length < writers * perWriter && Date.now() < deadline) {
          const batch = await store.readAll({ after, streamTypes: ['race'], limit: 7 });
          seen.push(...batch);
          if (batch.length > 0) after = { transactionId: batch.at(-1)!.transactionId, position: batch.at(-1)!.position };
          else await new Promise((r) => setTimeout(r, 2));
        }
        seen.push(...(await store.readAll({ after, streamTypes: ['race'] }))); // nothing more may come
      })();
      await Promise.all(
        Array.from({ length: writers }, async (_, w) => {
          const client = new Client({ connectionString: t.url });
          await client.connect();
          for (let i = 0; i < perWriter; i++) {
            // Every third append holds its transaction open for a while before committing.
            await client.query('BEGIN');
            await client.query(`SELECT * FROM event_store.append_events($1, $2, 'race', 'any', -1, $3, $4)`, [
              tenant,
              `race-${w}`,
              JSON.stringify([{ id: randomUUID(), type: 'Raced', data: { w, i } }]),
              JSON.stringify(metadata),
            ]);
            if ((w + i) % 3 === 0) await new Promise((r) => setTimeout(r, 5 + ((w * 7 + i) % 20)));
            await client.query('COMMIT');
          }
          await client.end();
        }),
      );
      await reader;
      expect(seen).toHaveLength(writers * perWriter);
      expect(new Set(seen.map((e) => e.id)).size).toBe(writers * perWriter);
      const order = seen.map((e) => [e.transactionId, e.position] as const);
      const sorted = [...order].sort((a, b) => (a[0] === b[0] ? Number(a[1] - b[1]) : Number(a[0] - b[0])));
      expect(order).toEqual(sorted);
      for (let w = 0; w < writers; w++) {
        expect(seen.filter((e) => e.data.w === w).map((e) => e.data.i)).toEqual(Array.from({ length: perWriter }, (_, i) => i));
      }
    });
  });

  describe('inline projections', () => {
    let inline: EventStore;
    let fail = false;

    beforeAll(async () => {
      await sql`CREATE TABLE public.inline_counts (stream_id text PRIMARY KEY, count int NOT NULL)`.execute(t.database.db);
      const projection: InlineProjection = {
        name: 'inline-counts',
        streamTypes: ['counted'],
        apply: async (trx, events) => {
          if (fail) throw new Error('projection broke');
          for (const e of events) {
            await sql`INSERT INTO public.inline_counts VALUES (${e.streamId}, 1)
              ON CONFLICT (stream_id) DO UPDATE SET count = inline_counts.count + 1`.execute(trx);
          }
        },
      };
      inline = new EventStore({ db: t.database.db, masterKey: randomBytes(32), inlineProjections: [projection] });
    });

    it('updates the read model in the append transaction: visible as soon as append returns', async () => {
      await inline.append(request('c-1', 'no_stream', [event(), event()], { streamType: 'counted' }));
      const { rows } = await sql<{ count: number }>`SELECT count FROM public.inline_counts WHERE stream_id = 'c-1'`.execute(t.database.db);
      expect(rows[0].count).toBe(2);
    });

    it('writes nothing when the projection fails', async () => {
      fail = true;
      await expect(inline.append(request('c-2', 'no_stream', [event()], { streamType: 'counted' }))).rejects.toThrow('projection broke');
      fail = false;
      expect(await inline.readStream(tenant, 'c-2')).toEqual([]);
      expect((await inline.append(request('c-2', 'no_stream', [event()], { streamType: 'counted' }))).version).toBe(1);
    });

    it('does not run again for a retried append', async () => {
      const req = request('c-3', 'no_stream', [event()], { streamType: 'counted' });
      await inline.append(req);
      await inline.append(req);
      const { rows } = await sql<{ count: number }>`SELECT count FROM public.inline_counts WHERE stream_id = 'c-3'`.execute(t.database.db);
      expect(rows[0].count).toBe(1);
    });
  });
});
