import { randomBytes, randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { type Kysely, sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from '../../../../test/setup/test-database';
import type { StoredEvent } from '../event.types';
import { EventStore } from '../event-store';
import { eventStoreMigrations } from '../migrations';
import { SubscriptionManager } from '../subscriptions/subscription-manager';
import { appendRequest, eventually, FAST_SUBSCRIPTIONS, newEvent, newTenant } from '../testing/event-store-fixtures';

const TYPE = 'person';
const secret = (label: string) => `${label}-${randomBytes(6).toString('hex')}`;

interface Person {
  readonly subject: string;
  readonly firstName: string;
  readonly email: string;
  readonly newEmail: string;
  readonly plan: string;
}

const person = (name: string, subject: string = randomUUID()): Person => ({
  subject,
  firstName: secret(name),
  email: `${secret(name.toLowerCase())}@example.org`,
  newEmail: `${secret(`${name.toLowerCase()}.new`)}@example.org`,
  plan: secret('plan'), // not personal: stays readable
});

const registered = (p: Person) =>
  newEvent('PersonRegistered', { firstName: p.firstName, email: p.email, plan: p.plan }, { personal: { subject: p.subject, fields: ['firstName', 'email'] } });
const emailChanged = (p: Person) =>
  newEvent('EmailChanged', { email: p.newEmail, reason: 'typo' }, { personal: { subject: p.subject, fields: ['email'] } });

const plaintexts = (p: Person) => [p.firstName, p.email, p.newEmail];

describe('crypto-shredding', () => {
  let t: TestDatabase;
  let db: Kysely<any>;
  let store: EventStore;
  const tenantA = newTenant();
  const tenantB = newTenant();
  const ada = person('Ada');
  const bob = person('Bob');
  const adaInB = person('Ada', ada.subject); // same subject id, other tenant
  const streamOf = (p: Person) => `person-${p.subject}`;

  /** Every row of every table in the database, as text. */
  const databaseText = async (): Promise<string> => {
    const { rows: tables } = await sql<{ schema: string; name: string }>`
      SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
      WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')`.execute(db);
    const dumps = await Promise.all(
      tables.map(async ({ schema, name }) => {
        const { rows } = await sql<{ dump: string | null }>`SELECT string_agg(t::text, E'\\n') AS dump FROM ${sql.table(`${schema}.${name}`)} t`.execute(db);
        return rows[0].dump ?? '';
      }),
    );
    expect(tables.map((x) => `${x.schema}.${x.name}`)).toEqual(expect.arrayContaining(['event_store.events', 'event_store.subject_keys']));
    return dumps.join('\n');
  };
  const tableText = async (table: string) =>
    (await sql<{ dump: string }>`SELECT coalesce(string_agg(t::text, E'\\n'), '') AS dump FROM ${sql.table(table)} t`.execute(db)).rows[0].dump;

  /** readAll of one stream, once all `count` events are readable (an open transaction in the cluster holds readers back a moment). */
  const readAllOf = (tenant: string, p: Person, count: number) =>
    eventually(
      async () => (await store.readAll({ tenant, streamTypes: [TYPE] })).filter((e) => e.streamId === streamOf(p)),
      (events) => events.length >= count,
      5000,
      'events readable',
    );

  const readers = async (tenant: string, p: Person, count: number): Promise<Record<string, StoredEvent[]>> => ({
    readStream: await store.readStream(tenant, streamOf(p)),
    readAll: await readAllOf(tenant, p, count),
  });

  /** What a subscription started now receives for `p`. */
  const subscriptionReads = async (p: Person): Promise<StoredEvent[]> => {
    const received: StoredEvent[] = [];
    const manager = new SubscriptionManager(store, t.database.pool, t.url, FAST_SUBSCRIPTIONS).register({
      name: `capture-${randomUUID()}`,
      streamTypes: [TYPE],
      handle: async (_trx, events) => void received.push(...events),
    });
    await manager.start();
    try {
      const { rows } = await sql<{ total: number }>`SELECT count(*)::int AS total FROM event_store.events WHERE stream_type = ${TYPE}`.execute(db);
      const total = rows[0].total;
      await eventually(async () => received.length, (n) => n >= total, 5000, 'subscription read everything');
    } finally {
      await manager.stop();
    }
    return received.filter((e) => e.tenant === tenantA && e.streamId === streamOf(p));
  };

  const keyRows = async () =>
    (await sql<{ tenant_id: string; subject_id: string }>`SELECT tenant_id, subject_id FROM event_store.subject_keys ORDER BY 1, 2`.execute(db)).rows;

  beforeAll(async () => {
    Logger.overrideLogger(false);
    t = await createTestDatabase([eventStoreMigrations]);
    db = t.database.db;
    store = new EventStore({ db, masterKey: randomBytes(32) });
    await store.append(appendRequest(tenantA, streamOf(ada), TYPE, [registered(ada), emailChanged(ada)]));
    await store.append(appendRequest(tenantA, streamOf(bob), TYPE, [registered(bob)]));
    await store.append(appendRequest(tenantB, streamOf(adaInB), TYPE, [registered(adaInB)]));
  });

  afterAll(async () => {
    await t?.drop();
  });

  it('stores personal fields only encrypted, and readers get them back in clear', async () => {
    const events = await tableText('event_store.events');
    expect(events).toContain(ada.plan); // the scan sees event data
    expect(events).toContain('$pii');
    const everything = await databaseText();
    for (const value of [...plaintexts(ada), ...plaintexts(bob), ...plaintexts(adaInB)]) expect(everything).not.toContain(value);

    for (const [reader, read] of Object.entries(await readers(tenantA, ada, 2))) {
      expect({ reader, data: read.map((e) => e.data), erased: read.map((e) => e.erasedFields) }).toEqual({
        reader,
        data: [
          { firstName: ada.firstName, email: ada.email, plan: ada.plan },
          { email: ada.newEmail, reason: 'typo' },
        ],
        erased: [[], []],
      });
    }
  });

  it('after forgetting a subject, every reader shows its personal fields as erased and other fields intact', async () => {
    expect(await store.forgetSubject(tenantA, ada.subject)).toBe(true);
    expect(await store.forgetSubject(tenantA, ada.subject)).toBe(false);

    const erasedAda = {
      data: [
        { firstName: null, email: null, plan: ada.plan },
        { email: null, reason: 'typo' },
      ],
      erased: [['email', 'firstName'], ['email']],
    };
    const shape = (read: readonly StoredEvent[]) => ({
      data: read.map((e) => e.data),
      erased: read.map((e) => [...e.erasedFields].sort()),
    });
    for (const [reader, read] of Object.entries(await readers(tenantA, ada, 2))) expect({ reader, ...shape(read) }).toEqual({ reader, ...erasedAda });
    expect(shape(await subscriptionReads(ada))).toEqual(erasedAda);

    // The ciphertext stays, its key is gone, and no plaintext is anywhere.
    expect(await keyRows()).not.toContainEqual({ tenant_id: tenantA, subject_id: ada.subject });
    const everything = await databaseText();
    for (const value of plaintexts(ada)) expect(everything).not.toContain(value);
    expect(everything).toContain(ada.plan);
  });

  it('leaves other subjects, and the same subject id in another tenant, readable', async () => {
    const [bobRegistered] = await store.readStream(tenantA, streamOf(bob));
    expect(bobRegistered.data).toEqual({ firstName: bob.firstName, email: bob.email, plan: bob.plan });
    expect(bobRegistered.erasedFields).toEqual([]);
    const [inB] = await store.readStream(tenantB, streamOf(adaInB));
    expect(inB.data).toEqual({ firstName: adaInB.firstName, email: adaInB.email, plan: adaInB.plan });
    expect(inB.erasedFields).toEqual([]);
    expect((await readAllOf(tenantB, adaInB, 1)).map((e) => e.erasedFields)).toEqual([[]]);
    expect(await keyRows()).toEqual(
      expect.arrayContaining([
        { tenant_id: tenantA, subject_id: bob.subject },
        { tenant_id: tenantB, subject_id: ada.subject },
      ]),
    );
  });

  it('keeps history erased when a forgotten subject gets new personal data under a new key', async () => {
    const again = person('Ada', ada.subject);
    await store.append(appendRequest(tenantA, streamOf(ada), TYPE, [emailChanged(again)]));
    const read = await store.readStream(tenantA, streamOf(ada));
    expect(read.map((e) => e.data)).toEqual([
      { firstName: null, email: null, plan: ada.plan },
      { email: null, reason: 'typo' },
      { email: again.newEmail, reason: 'typo' },
    ]);
    expect(read.map((e) => [...e.erasedFields].sort())).toEqual([['email', 'firstName'], ['email'], []]);
    expect((await readAllOf(tenantA, ada, 3)).map((e) => e.data)).toEqual(read.map((e) => e.data));
  });
});
