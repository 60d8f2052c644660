/**
 * Event store append benchmark: EventStore.append against raw INSERTs of the
 * same rows, on the same server, driver (pg Pool) and concurrency, plus a
 * projection subscription catching up against a raw INSERT ... SELECT.
 *
 *   npm run bench:append                                  # embedded PostgreSQL in a temp dir
 *   DATABASE_URL=postgres://user@host:5432/db npm run bench:append
 *
 * Progress goes to stdout; the last line is one JSON object with the figures.
 * See docs/benchmarks.md for what is measured and how to read it.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import {
  ChangeNotifier,
  DEFAULT_SUBSCRIPTION_OPTIONS,
  type EventMetadata,
  EventStore,
  eventStoreMigrations,
  type NewEvent,
  type Projection,
  projectionSubscription,
  type StoredEvent,
  SubscriptionManager,
} from '@cm/event-store';
import { createDatabase, type Database, migrateToLatest } from '@cm/platform';
import { sql } from 'kysely';
import { createBenchDatabase } from './lib/bench-database';
import { cleanUpOnInterrupt } from './lib/interrupt';
import { addLoad, type LoadResult, median, NO_LOAD, runLoad, timed } from './lib/load';
import { customerPayload, payloadBytes } from './lib/payload';

const CONCURRENCY = 16;
/** Each side runs alone this long first (connections, plan caches, JIT), not counted. */
const WARMUP_MS = 1_000;
/** Measured rounds alternate the sides, so drifts of a shared machine hit both alike. */
const ROUNDS = 4;
const ROUND_RAMP_MS = 250;
const ROUND_MS = 1_500;
const BATCH_SIZE = 1_000;
const BATCH_WRITERS = 4;
const PROJECTION_EVENTS = 200_000;
const PROJECTION_BATCH_SIZE = 5_000;
const PROJECTION_REPEATS = 3;
const STALL_SECONDS = 60;
const TARGETS = { single: 0.6, batch: 0.5, projection: 0.25 } as const;

const TENANT = randomUUID();
const STREAM_TYPE = 'customer';
const EVENT_TYPE = 'CustomerRegistered';
const log = (line: string) => process.stdout.write(`${line}\n`);
const metadata = (): EventMetadata => ({ correlationId: randomUUID(), actor: { type: 'system', id: 'bench' } });
const perSec = (count: number, seconds: number) => Math.round(count / seconds);
const ratio = (a: number, b: number) => Math.round((a / b) * 1000) / 1000;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

let sequence = 0;
const newEvents = (count: number): NewEvent[] =>
  Array.from({ length: count }, () => ({ id: randomUUID(), type: EVENT_TYPE, data: customerPayload(sequence++) }));
const newStreamId = () => `customer-${randomUUID()}`;

async function main(): Promise<void> {
  const started = Date.now();
  const bench = await createBenchDatabase(log);
  let database: Database | undefined;
  const forgetInterrupt = cleanUpOnInterrupt(log, 'dropping the bench database', async () => {
    await database?.close().catch(() => undefined);
    await bench.dispose();
  });
  try {
    log(`PostgreSQL ${bench.serverVersion} (${bench.source}), database ${new URL(bench.url).pathname.slice(1)}`);
    // The 16 writers, plus room for the ChangeNotifier's NOTIFY and the subscription's reads.
    database = createDatabase({ url: bench.url, poolSize: CONCURRENCY + 4, applicationName: 'bench-append' });
    await migrateToLatest(database.db, [eventStoreMigrations]);
    await createRawTables(database);
    const store = new EventStore({
      db: database.db,
      pool: database.pool,
      masterKey: randomBytes(32),
      notifier: new ChangeNotifier(database.pool),
    });
    log(`payload ${payloadBytes()} bytes of JSON per event; ${ROUNDS} alternating rounds of ${ROUND_MS / 1000} s per side after ${WARMUP_MS / 1000} s warm-up`);

    const single = await singleAppends(database, store);
    const batch = await batchAppends(database, store);
    const projection = await projectionCatchUp(database, store);

    const ratios = {
      single: ratio(single.storeEventsPerSec, single.rawRowsPerSec),
      batch: ratio(batch.storeEventsPerSec, batch.rawRowsPerSec),
      projection: ratio(projection.subscriptionEventsPerSec, projection.rawRowsPerSec),
    };
    log('');
    for (const key of ['single', 'batch', 'projection'] as const) {
      log(`${key.padEnd(10)} ratio ${ratios[key].toFixed(3)}  target ${TARGETS[key].toFixed(2)}  ${ratios[key] >= TARGETS[key] ? 'met' : 'MISSED'}`);
    }
    await database.close();
    database = undefined;
    await bench.dispose();
    forgetInterrupt();
    log(`done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    log(
      JSON.stringify({
        benchmark: 'append',
        postgres: bench.serverVersion,
        concurrency: CONCURRENCY,
        single,
        batch,
        projection,
        ratios,
        targets: TARGETS,
      }),
    );
  } finally {
    await database?.close().catch(() => undefined);
    await bench.dispose().catch(() => undefined);
  }
}

/** The raw side's tables: the core of an events row (bigint identity, uuid, text, jsonb payload). */
async function createRawTables(database: Database): Promise<void> {
  await database.pool.query('CREATE SCHEMA bench');
  await database.pool.query(`
    CREATE TABLE bench.raw_events (
      position  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      event_id  uuid   NOT NULL,
      stream_id text   NOT NULL,
      data      jsonb  NOT NULL
    )`);
  for (const table of ['projection_subscription', 'projection_raw']) {
    await database.pool.query(`
      CREATE TABLE bench.${table} (
        position  bigint PRIMARY KEY,
        event_id  uuid   NOT NULL,
        stream_id text   NOT NULL,
        type      text   NOT NULL,
        data      jsonb  NOT NULL
      )`);
  }
}

interface Side {
  readonly name: string;
  readonly unit: 'events' | 'rows';
  readonly concurrency: number;
  readonly rowsPerOperation: number;
  readonly operation: () => Promise<void>;
}

/**
 * Warms every side up, then measures the sides in alternating rounds. No
 * ANALYZE: the plans the append function made on the empty table during the
 * warm-up are the ones it keeps. Returns rows per second by side.
 */
async function compare(database: Database, sides: readonly Side[]): Promise<Map<string, number>> {
  for (const side of sides) await runLoad(side.concurrency, 0, WARMUP_MS, side.operation);
  await database.pool.query('CHECKPOINT');
  const totals = new Map<string, LoadResult>(sides.map((side) => [side.name, NO_LOAD]));
  for (let round = 0; round < ROUNDS; round++) {
    for (let i = 0; i < sides.length; i++) {
      const side = sides[(round + i) % sides.length]; // rotate who goes first
      const result = await runLoad(side.concurrency, ROUND_RAMP_MS, ROUND_MS, side.operation);
      totals.set(side.name, addLoad(totals.get(side.name)!, result));
    }
  }
  const rates = new Map<string, number>();
  for (const side of sides) {
    const total = totals.get(side.name)!;
    const rate = perSec(total.operations * side.rowsPerOperation, total.seconds);
    rates.set(side.name, rate);
    log(`  ${side.name.padEnd(34)} ${fmt(rate).padStart(9)} ${side.unit}/s  (${fmt(total.operations)} calls in ${total.seconds.toFixed(1)} s)`);
  }
  return rates;
}

async function singleAppends(database: Database, store: EventStore) {
  log(`\n[single] ${CONCURRENCY} writers: one event per append to a new stream vs one-row INSERT`);
  const rates = await compare(database, [
    {
      name: 'EventStore.append (1 event)',
      unit: 'events',
      concurrency: CONCURRENCY,
      rowsPerOperation: 1,
      operation: async () => {
        await store.append({
          tenant: TENANT,
          streamId: newStreamId(),
          streamType: STREAM_TYPE,
          expectedVersion: 'no_stream',
          events: newEvents(1),
          metadata: metadata(),
        });
      },
    },
    {
      name: 'raw INSERT (1 row)',
      unit: 'rows',
      concurrency: CONCURRENCY,
      rowsPerOperation: 1,
      operation: async () => {
        await database.pool.query('INSERT INTO bench.raw_events (event_id, stream_id, data) VALUES ($1, $2, $3) RETURNING position', [
          randomUUID(),
          newStreamId(),
          JSON.stringify(customerPayload(sequence++)),
        ]);
      },
    },
  ]);
  return { storeEventsPerSec: rates.get('EventStore.append (1 event)')!, rawRowsPerSec: rates.get('raw INSERT (1 row)')! };
}

async function batchAppends(database: Database, store: EventStore) {
  log(`\n[batch] ${BATCH_WRITERS} writers: ${BATCH_SIZE} events per append vs ${BATCH_SIZE}-row INSERT (three raw forms, the fastest is the baseline)`);
  const rawRows = () => {
    const streamId = newStreamId();
    return Array.from({ length: BATCH_SIZE }, () => ({ id: randomUUID(), streamId, data: customerPayload(sequence++) }));
  };
  const rates = await compare(database, [
    {
      name: `EventStore.append (${BATCH_SIZE} events)`,
      unit: 'events',
      concurrency: BATCH_WRITERS,
      rowsPerOperation: BATCH_SIZE,
      operation: async () => {
        await store.append({
          tenant: TENANT,
          streamId: newStreamId(),
          streamType: STREAM_TYPE,
          expectedVersion: 'no_stream',
          events: newEvents(BATCH_SIZE),
          metadata: metadata(),
        });
      },
    },
    {
      name: 'raw INSERT ... unnest(arrays)',
      unit: 'rows',
      concurrency: BATCH_WRITERS,
      rowsPerOperation: BATCH_SIZE,
      operation: async () => {
        const rows = rawRows();
        await database.pool.query(
          `INSERT INTO bench.raw_events (event_id, stream_id, data)
           SELECT * FROM unnest($1::uuid[], $2::text[], $3::jsonb[]) RETURNING position`,
          [rows.map((r) => r.id), rows.map((r) => r.streamId), rows.map((r) => JSON.stringify(r.data))],
        );
      },
    },
    {
      name: 'raw INSERT ... jsonb_to_recordset',
      unit: 'rows',
      concurrency: BATCH_WRITERS,
      rowsPerOperation: BATCH_SIZE,
      operation: async () => {
        await database.pool.query(
          `INSERT INTO bench.raw_events (event_id, stream_id, data)
           SELECT r.id, r."streamId", r.data FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, "streamId" text, data jsonb)
           RETURNING position`,
          [JSON.stringify(rawRows())],
        );
      },
    },
    {
      name: 'raw INSERT ... unnest + jsonb array',
      unit: 'rows',
      concurrency: BATCH_WRITERS,
      rowsPerOperation: BATCH_SIZE,
      operation: async () => {
        const rows = rawRows();
        await database.pool.query(
          `INSERT INTO bench.raw_events (event_id, stream_id, data)
           SELECT r.id, r.stream_id, d.data
           FROM unnest($1::uuid[], $2::text[]) WITH ORDINALITY AS r(id, stream_id, n)
           JOIN jsonb_array_elements($3::jsonb) WITH ORDINALITY AS d(data, n) USING (n)
           RETURNING position`,
          [rows.map((r) => r.id), rows.map((r) => r.streamId), JSON.stringify(rows.map((r) => r.data))],
        );
      },
    },
  ]);
  const raw = {
    unnestArrays: rates.get('raw INSERT ... unnest(arrays)')!,
    jsonbToRecordset: rates.get('raw INSERT ... jsonb_to_recordset')!,
    unnestWithJsonbArray: rates.get('raw INSERT ... unnest + jsonb array')!,
  };
  return {
    eventsPerAppend: BATCH_SIZE,
    writers: BATCH_WRITERS,
    storeEventsPerSec: rates.get(`EventStore.append (${BATCH_SIZE} events)`)!,
    rawRowsPerSec: Math.max(...Object.values(raw)),
    rawRowsPerSecByForm: raw,
  };
}

/**
 * Writes each batch with one multi-row INSERT: the scalar columns as arrays,
 * the JSON bodies as one jsonb array joined by ordinality (cheaper than a
 * jsonb[] parameter, whose every element pg must escape and PostgreSQL unescape).
 */
function benchProjection(onApplied: (events: readonly StoredEvent[]) => void): Projection {
  return {
    name: 'bench-projection',
    streamTypes: [STREAM_TYPE],
    tables: ['bench.projection_subscription'],
    async apply(trx, events, tables) {
      await sql`
        INSERT INTO ${sql.table(tables.table('bench.projection_subscription'))} (position, event_id, stream_id, type, data)
        SELECT e.position, e.event_id, e.stream_id, e.type, d.data
        FROM unnest(${events.map((e) => e.position.toString())}::bigint[], ${events.map((e) => e.id)}::uuid[],
                    ${events.map((e) => e.streamId)}::text[], ${events.map((e) => e.type)}::text[])
               WITH ORDINALITY AS e(position, event_id, stream_id, type, n)
        JOIN jsonb_array_elements(${JSON.stringify(events.map((e) => e.data))}::jsonb) WITH ORDINALITY AS d(data, n) USING (n)`.execute(trx);
      onApplied(events);
    },
  };
}

async function projectionCatchUp(database: Database, store: EventStore) {
  log(`\n[projection] ${fmt(PROJECTION_EVENTS)} stored events: subscription (batch ${fmt(PROJECTION_BATCH_SIZE)}) to lag 0 vs INSERT ... SELECT`);
  await database.pool.query('TRUNCATE event_store.events');
  const seeding = await timed(async () => {
    let appends = PROJECTION_EVENTS / BATCH_SIZE;
    await Promise.all(
      Array.from({ length: BATCH_WRITERS }, async () => {
        while (appends-- > 0) {
          await store.append({
            tenant: TENANT,
            streamId: newStreamId(),
            streamType: STREAM_TYPE,
            expectedVersion: 'no_stream',
            events: newEvents(BATCH_SIZE),
            metadata: metadata(),
          });
        }
      }),
    );
  });
  log(`  appended ${fmt(PROJECTION_EVENTS)} events in ${seeding.seconds.toFixed(1)} s (setup, not timed)`);
  await database.pool.query('VACUUM ANALYZE event_store.events');
  // The last event in commit order (transaction id, then position): not necessarily the highest position.
  const { rows } = await database.pool.query<{ last: string }>(
    'SELECT global_position::text AS last FROM event_store.events ORDER BY transaction_id DESC, global_position DESC LIMIT 1',
  );
  const lastPosition = BigInt(rows[0].last);

  const rawSeconds: number[] = [];
  const subscriptionSeconds: number[] = [];
  for (let repeat = 0; repeat < PROJECTION_REPEATS; repeat++) {
    await database.pool.query('TRUNCATE bench.projection_raw');
    await database.pool.query('CHECKPOINT');
    const raw = await timed(() =>
      database.pool.query(
        `INSERT INTO bench.projection_raw (position, event_id, stream_id, type, data)
         SELECT global_position, event_id, stream_id, type, data FROM event_store.events WHERE stream_type = $1`,
        [STREAM_TYPE],
      ),
    );
    if (raw.result.rowCount !== PROJECTION_EVENTS) throw new Error(`raw copy wrote ${raw.result.rowCount} rows`);
    rawSeconds.push(raw.seconds);

    await database.pool.query('TRUNCATE bench.projection_subscription');
    await sql`DELETE FROM event_store.subscriptions WHERE name = 'bench-projection'`.execute(database.db);
    await database.pool.query('CHECKPOINT');
    subscriptionSeconds.push(await runSubscription(database, store, lastPosition));
    const { rows: counted } = await database.pool.query<{ n: string }>('SELECT count(*) AS n FROM bench.projection_subscription');
    if (Number(counted[0].n) !== PROJECTION_EVENTS) throw new Error(`subscription wrote ${counted[0].n} rows`);
    log(`  run ${repeat + 1}: INSERT ... SELECT ${raw.seconds.toFixed(2)} s, subscription ${subscriptionSeconds[repeat].toFixed(2)} s`);
  }
  const rawMedian = median(rawSeconds);
  const subscriptionMedian = median(subscriptionSeconds);
  const rawRowsPerSec = perSec(PROJECTION_EVENTS, rawMedian);
  const subscriptionEventsPerSec = perSec(PROJECTION_EVENTS, subscriptionMedian);
  log(`  ${'raw INSERT ... SELECT (median)'.padEnd(34)} ${fmt(rawRowsPerSec).padStart(9)} rows/s    (${rawMedian.toFixed(2)} s)`);
  log(`  ${'subscription to lag 0 (median)'.padEnd(34)} ${fmt(subscriptionEventsPerSec).padStart(9)} events/s  (${subscriptionMedian.toFixed(2)} s)`);
  return {
    events: PROJECTION_EVENTS,
    batchSize: PROJECTION_BATCH_SIZE,
    subscriptionSeconds: Math.round(subscriptionMedian * 1000) / 1000,
    rawSeconds: Math.round(rawMedian * 1000) / 1000,
    subscriptionEventsPerSec,
    rawRowsPerSec,
  };
}

/** Seconds from starting a SubscriptionManager until its subscription reports lag 0. */
async function runSubscription(database: Database, store: EventStore, lastPosition: bigint): Promise<number> {
  let reachedEnd!: () => void;
  const end = new Promise<void>((resolve) => (reachedEnd = resolve));
  const projection = benchProjection((events) => {
    if (events[events.length - 1].position === lastPosition) reachedEnd();
  });
  const manager = new SubscriptionManager(store, database.pool, database.url, {
    ...DEFAULT_SUBSCRIPTION_OPTIONS,
    batchSize: PROJECTION_BATCH_SIZE,
  }).register(projectionSubscription(projection));
  // Readers stop at the oldest transaction still open on the server (any database): say so rather than hang.
  let watchdog: NodeJS.Timeout | undefined;
  const stalled = new Promise<never>((_, reject) => {
    watchdog = setTimeout(() => reject(new Error(`subscription not caught up after ${STALL_SECONDS} s: is a transaction left open on the server?`)), STALL_SECONDS * 1000);
  });
  try {
    const { seconds } = await timed(async () => {
      await manager.start();
      await Promise.race([end, stalled]); // the last batch is applied; its checkpoint commits right after
      for (;;) {
        const [status] = await manager.statuses();
        if (status.status === 'failed') throw new Error(`subscription failed: ${status.error}`);
        if (status.lag === 0) return;
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
    });
    return seconds;
  } finally {
    clearTimeout(watchdog);
    await manager.stop();
  }
}

main().catch((error) => {
  process.stderr.write(`bench:append failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 1;
});
