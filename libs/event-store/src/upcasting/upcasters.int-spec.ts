import { randomBytes } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from '../../../../test/setup/test-database';
import type { StoredEvent } from '../event.types';
import { EventStore } from '../event-store';
import { eventStoreMigrations } from '../migrations';
import { SubscriptionManager } from '../subscriptions/subscription-manager';
import { appendRequest, eventually, FAST_SUBSCRIPTIONS, newEvent, newTenant } from '../testing/event-store-fixtures';
import type { Upcaster } from './upcasters';

const masterKey = randomBytes(32);
const tenant = newTenant();

/** v1 { name } -> v2 { fullName } -> v3 { fullName, country } */
const toV2: Upcaster = { type: 'CustomerRegistered', fromVersion: 1, upcast: ({ name, ...rest }) => ({ ...rest, fullName: name }) };
const toV3: Upcaster = { type: 'CustomerRegistered', fromVersion: 2, upcast: (data) => ({ ...data, country: data.country ?? 'unknown' }) };

describe('upcasting on read', () => {
  let t: TestDatabase;
  let writer: EventStore;
  let reader: EventStore;

  beforeAll(async () => {
    Logger.overrideLogger(false);
    t = await createTestDatabase([eventStoreMigrations]);
    writer = new EventStore({ db: t.database.db, masterKey });
    reader = new EventStore({ db: t.database.db, masterKey, upcasters: [toV3, toV2] }); // order of registration is free
    await writer.append(
      appendRequest(tenant, 'customer-1', 'customer', [
        newEvent('CustomerRegistered', { name: 'Ada Lovelace', plan: 'gold' }, { schemaVersion: 1 }),
        newEvent('CustomerRegistered', { fullName: 'Ada King', plan: 'gold', country: 'GB' }, { schemaVersion: 2 }),
        newEvent('CustomerRegistered', { fullName: 'Ada K.', plan: 'gold', country: 'FR' }, { schemaVersion: 3 }),
        newEvent('CustomerRenamed', { name: 'Ada' }, { schemaVersion: 1 }),
      ]),
    );
  });

  afterAll(async () => {
    await t?.drop();
  });

  const expected = [
    { type: 'CustomerRegistered', schemaVersion: 3, data: { fullName: 'Ada Lovelace', plan: 'gold', country: 'unknown' } },
    { type: 'CustomerRegistered', schemaVersion: 3, data: { fullName: 'Ada King', plan: 'gold', country: 'GB' } },
    { type: 'CustomerRegistered', schemaVersion: 3, data: { fullName: 'Ada K.', plan: 'gold', country: 'FR' } },
    { type: 'CustomerRenamed', schemaVersion: 1, data: { name: 'Ada' } }, // no upcaster for this type
  ];
  const shape = (events: readonly StoredEvent[]) => events.map(({ type, schemaVersion, data }) => ({ type, schemaVersion, data }));

  it('lifts stored v1 and v2 events to the v3 shape in readStream and readAll', async () => {
    expect(shape(await reader.readStream(tenant, 'customer-1'))).toEqual(expected);
    // Waits until all are readable: an open transaction in the cluster holds readers back a moment.
    const all = await eventually(() => reader.readAll({ tenant }), (events) => events.length >= expected.length, 5000, 'events readable');
    expect(shape(all)).toEqual(expected);
    const folded = await reader.aggregateStream(tenant, 'customer-1', {
      initial: [] as string[],
      evolve: (names, e) => (e.type === 'CustomerRegistered' ? [...names, e.data.fullName] : names),
    });
    expect(folded.state).toEqual(['Ada Lovelace', 'Ada King', 'Ada K.']);
  });

  it('gives subscriptions the upcast events too', async () => {
    const received: StoredEvent[] = [];
    const manager = new SubscriptionManager(reader, t.database.pool, t.url, FAST_SUBSCRIPTIONS).register({
      name: 'upcast-reader',
      handle: async (_trx, events) => void received.push(...events),
    });
    await manager.start();
    try {
      await eventually(async () => received.length, (n) => n >= expected.length);
    } finally {
      await manager.stop();
    }
    expect(shape(received)).toEqual(expected);
  });

  it('changes nothing stored: a store without upcasters reads the original shapes', async () => {
    expect(shape(await writer.readStream(tenant, 'customer-1')).map((e) => e.schemaVersion)).toEqual([1, 2, 3, 1]);
    const { rows } = await sql<{ schema_version: number; data: unknown }>`
      SELECT schema_version, data FROM event_store.events ORDER BY global_position`.execute(t.database.db);
    expect(rows[0]).toEqual({ schema_version: 1, data: { name: 'Ada Lovelace', plan: 'gold' } });
  });

  it('refuses two upcasters for the same step', () => {
    const other: Upcaster = { type: 'CustomerRegistered', fromVersion: 1, upcast: (data) => data };
    expect(() => new EventStore({ db: t.database.db, masterKey, upcasters: [toV2, toV3, other] })).toThrow(/two upcasters for CustomerRegistered@1/);
  });
});
