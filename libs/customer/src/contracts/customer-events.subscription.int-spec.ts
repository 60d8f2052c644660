import { randomBytes, randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { type Kysely, sql } from 'kysely';
import { ChangeNotifier, EventStore, eventStoreMigrations, START, SubscriptionManager, type SubscriptionHandler, type SubscriptionOptions } from '@cm/event-store';
import { CheckpointStore } from '../../../event-store/src/subscriptions/checkpoint-store';
import { eventually } from '../../../event-store/src/testing/event-store-fixtures';
import { createTestDatabase, type TestDatabase } from '../../../../test/setup/test-database';
import type { CommandMeta } from '../application/command-meta';
import { CustomerCommandHandler } from '../application/customer-command-handler';
import { newCustomerId } from '../application/customer-id';
import type { CustomerCommand } from '../commands/customer.commands';
import { PERSONAL_FIELD_NAMES } from '../domain/customer.events';
import { customerMigrations } from '../migrations';
import { customerListProjection } from '../projections/customer-list.projection';
import type { CustomerIntegrationEvent } from './customer-integration-events';
import { customerEventsSubscription } from './customer-events.subscription';

/*
 * A consumer in another module, simulated: it keeps every published customer
 * event in its own table (unique on the event id) and erases its copies of a
 * customer's personal data on `customer.forgotten.v1`.
 */

const SUBSCRIPTION = 'consumer-test.customer-events';
const OPTIONS: SubscriptionOptions = { batchSize: 7, pollIntervalMs: 50, maxAttempts: 3, retryBaseMs: 10, leaseRetryMs: 100 };
const tenants = [randomUUID(), randomUUID()];
const meta: CommandMeta = { actor: { type: 'system', id: 'test' }, correlationId: randomUUID() };

interface ReceivedRow {
  readonly seq: string;
  readonly organization_id: string;
  readonly event_id: string;
  readonly customer_id: string;
  readonly type: CustomerIntegrationEvent['type'];
  readonly version: number;
  readonly data: Record<string, unknown>;
}

/** A command without its customer id, per command type. */
type WithoutId<C> = C extends unknown ? Omit<C, 'customerId'> : never;

interface TestCustomer {
  readonly tenant: string;
  readonly id: string;
  readonly n: number;
  readonly kind: 'person' | 'company';
  readonly forget: boolean;
  /** Personal values this test gave it, to look for after forgetting. */
  readonly secrets: readonly string[];
}

describe('customer events subscription (published contract)', () => {
  let t: TestDatabase;
  let db: Kysely<any>;
  let store: EventStore;
  let commands: CustomerCommandHandler;
  const managers: SubscriptionManager[] = [];
  let table = 'received';

  /** The other module's subscription: its writes commit with the checkpoint. Writes into `table`. */
  let subscription: SubscriptionHandler;

  const startManager = async (): Promise<SubscriptionManager> => {
    const manager = new SubscriptionManager(store, t.database.pool, t.url, OPTIONS).register(subscription);
    managers.push(manager);
    await manager.start();
    return manager;
  };

  const rows = async (from = table): Promise<ReceivedRow[]> =>
    (
      // seq is bigint (read as a string): ordering by a `::text` alias of it would sort '10' before '9'.
      await sql<ReceivedRow>`SELECT seq, organization_id::text AS organization_id, event_id::text AS event_id,
          customer_id::text AS customer_id, type, version, data
        FROM ${sql.table(`consumer_test.${from}`)} ORDER BY seq`.execute(db)
    ).rows;

  const count = async (from = table): Promise<number> =>
    Number((await sql<{ n: string }>`SELECT count(*) AS n FROM ${sql.table(`consumer_test.${from}`)}`.execute(db)).rows[0].n);

  const domainEventCount = async (): Promise<number> =>
    Number((await sql<{ n: string }>`SELECT count(*) AS n FROM event_store.events WHERE stream_type = 'customer'`.execute(db)).rows[0].n);

  /** Waits until the consumer has every customer event; reports the subscription's status if it does not. */
  const caughtUp = async (manager: SubscriptionManager, expected: number, from = table): Promise<void> => {
    await eventually(
      async () => ({ received: await count(from), status: (await manager.statuses())[0] }),
      ({ received }) => received >= expected,
      20_000,
      `consumer received ${expected} events`,
    );
  };

  beforeAll(async () => {
    Logger.overrideLogger(['error']);
    t = await createTestDatabase([eventStoreMigrations, customerMigrations]);
    db = t.database.db;
    store = new EventStore({
      db,
      masterKey: randomBytes(32),
      notifier: new ChangeNotifier(t.database.pool),
      inlineProjections: [customerListProjection],
    });
    commands = new CustomerCommandHandler(store);
    await sql`CREATE SCHEMA consumer_test`.execute(db);
    for (const name of ['received', 'replayed']) {
      await sql`CREATE TABLE ${sql.table(`consumer_test.${name}`)} (
        seq bigserial PRIMARY KEY,
        organization_id uuid NOT NULL,
        event_id uuid NOT NULL,
        customer_id uuid NOT NULL,
        type text NOT NULL,
        version integer NOT NULL,
        occurred_at timestamptz NOT NULL,
        data jsonb NOT NULL,
        UNIQUE (organization_id, event_id))`.execute(db);
    }
    const erased = JSON.stringify(Object.fromEntries(PERSONAL_FIELD_NAMES.map((field) => [field, null])));
    subscription = customerEventsSubscription(SUBSCRIPTION, store, async (trx, events) => {
      const target = sql.table(`consumer_test.${table}`);
      for (const event of events) {
        // No ON CONFLICT: a second delivery of an event would fail the batch and park the subscription.
        await sql`INSERT INTO ${target} (organization_id, event_id, customer_id, type, version, occurred_at, data)
          VALUES (${event.organizationId}::uuid, ${event.id}::uuid, ${event.customerId}::uuid, ${event.type}, ${event.version},
                  ${event.occurredAt}::timestamptz, ${JSON.stringify(event.data)}::jsonb)`.execute(trx);
        if (event.type === 'customer.forgotten.v1') {
          await sql`UPDATE ${target} SET data = data || ${erased}::jsonb
            WHERE organization_id = ${event.organizationId}::uuid AND customer_id = ${event.customerId}::uuid
              AND type IN ('customer.registered.v1', 'customer.changed.v1')`.execute(trx);
        }
      }
    });
  });

  afterAll(async () => {
    await Promise.all(managers.map((m) => m.stop()));
    await t?.drop();
  });

  const run = (customer: TestCustomer, command: WithoutId<CustomerCommand>) =>
    commands.execute(customer.tenant, { ...command, customerId: customer.id } as CustomerCommand, meta);

  /** Create, change, number change, change of kind: the first half of a customer's life. */
  async function firstHalf(c: TestCustomer): Promise<void> {
    const [first, last, email] = c.secrets;
    const address = { line: `Secretstraat ${c.n}`, zip: '9000', city: 'Gent', country: 'BE' };
    if (c.kind === 'person') {
      await run(c, { type: 'CreatePersonCustomer', customerNumber: `N-${c.n}`, firstName: first, lastName: last, email, mobile: '+32470123456', address });
    } else {
      await run(c, { type: 'CreateCompanyCustomer', customerNumber: `N-${c.n}`, companyName: `Company ${c.n}`, firstName: first, lastName: last, email, address });
    }
    await run(c, { type: 'ChangeCustomerDetails', email: `${c.n}.second.${c.secrets[3]}@example.com` });
    await run(c, { type: 'ChangeCustomerNumber', customerNumber: `N-${c.n}-2` });
    await run(c, { type: 'ChangeCustomerDetails', companyName: c.kind === 'person' ? `Company ${c.n}` : '' });
  }

  /** Archive, restore, more changes, then forget (some) or another number change. */
  async function secondHalf(c: TestCustomer): Promise<void> {
    await run(c, { type: 'ArchiveCustomer' });
    await run(c, { type: 'RestoreCustomer' });
    await run(c, { type: 'ChangeCustomerDetails', address: { line: `Geheimlaan ${c.n}`, zip: '1000', city: 'Brussel', country: 'BE' } });
    if (c.forget) await run(c, { type: 'ForgetCustomer' });
    else await run(c, { type: 'ChangeCustomerNumber', customerNumber: `N-${c.n}-3` });
  }

  it('delivers every customer change exactly once, in order, across a restart; a replay after forgetting carries no personal data', async () => {
    const customers: TestCustomer[] = Array.from({ length: 12 }, (_, n) => {
      const secret = randomBytes(4).toString('hex');
      return {
        tenant: tenants[n % 2],
        id: newCustomerId(),
        n,
        kind: n % 3 === 1 ? 'company' : 'person',
        forget: n % 2 === 0,
        secrets: [`Firstname${secret}`, `Lastname${secret}`, `${n}.${secret}@example.com`, secret],
      };
    });

    // Phase 1: the consumer runs while customers are created and changed concurrently; it stops midway.
    const first = await startManager();
    const firstHalves = Promise.all(customers.map(firstHalf));
    await eventually(() => count(), (n) => n >= 5, 10_000, 'first events received');
    await first.stop();
    await firstHalves;

    // Phase 2: nobody consumes; more changes, forgetting included.
    await Promise.all(customers.map(secondHalf));
    const total = await domainEventCount();
    expect(await count()).toBeLessThan(total);

    // A new manager (a restarted process) resumes from the checkpoint.
    const second = await startManager();
    await caughtUp(second, total);
    await new Promise((resolve) => setTimeout(resolve, 300)); // nothing more may arrive
    const received = await rows();
    expect((await second.statuses())[0]).toMatchObject({ status: 'running', lag: 0 });
    expect(received).toHaveLength(total);
    expect(new Set(received.map((r) => r.event_id)).size).toBe(total);

    // Globally in the subscription's order: the store's commit order.
    const order = await store.readAll({ streamTypes: ['customer'], limit: 100_000 });
    expect(received.map((r) => r.event_id)).toEqual(order.map((e) => e.id));

    // Per customer: versions 1..n without gaps, n = the stream's version.
    for (const c of customers) {
      const own = received.filter((r) => r.customer_id === c.id);
      const { rows: stream } = await sql<{ version: string }>`
        SELECT max(version) AS version FROM event_store.events WHERE stream_id = ${`customer-${c.id}`}`.execute(db);
      expect(own.map((r) => r.version)).toEqual(Array.from({ length: Number(stream[0].version) }, (_, i) => i + 1));
      expect(own.every((r) => r.organization_id === c.tenant)).toBe(true);
      expect(own[0].type).toBe('customer.registered.v1');
      expect(own.filter((r) => r.type === 'customer.number-changed.v1').map((r) => r.data)).toEqual([
        { id: c.id, old: `N-${c.n}`, new: `N-${c.n}-2` },
        ...(c.forget ? [] : [{ id: c.id, old: `N-${c.n}-2`, new: `N-${c.n}-3` }]),
      ]);
      expect(own.map((r) => r.type)).toEqual(expect.arrayContaining(['customer.changed.v1', 'customer.archived.v1', 'customer.restored.v1']));
      expect(own.some((r) => r.type === 'customer.forgotten.v1')).toBe(c.forget);
      // The last snapshot is the customer's kind after the change of kind.
      const lastChange = own.filter((r) => r.type === 'customer.changed.v1').at(-1);
      expect(lastChange?.data).toMatchObject({ type: c.kind === 'person' ? 'company' : 'person', changedFields: ['address', 'zip', 'city'] });
    }

    // The consumer erased its copies on customer.forgotten.v1; the others keep theirs.
    const consumerCopy = JSON.stringify(received);
    for (const c of customers) {
      for (const secret of c.secrets) expect(consumerCopy.includes(secret)).toBe(!c.forget);
    }

    // Replay from the start into a fresh table: same events, same ids, same order, personal data erased.
    await second.stop();
    table = 'replayed';
    await db.transaction().execute((trx) => new CheckpointStore(db).set(trx, SUBSCRIPTION, START));
    const third = await startManager();
    await caughtUp(third, total, 'replayed');
    await third.stop();
    const replayed = await rows('replayed');
    expect(replayed.map((r) => r.event_id)).toEqual(received.map((r) => r.event_id));
    // Deterministic: for a customer not forgotten, the replay publishes exactly what was published live.
    const kept = new Set(customers.filter((c) => !c.forget).map((c) => c.id));
    const dataOf = (all: ReceivedRow[]) => all.filter((r) => kept.has(r.customer_id)).map(({ seq: _seq, ...rest }) => rest);
    expect(dataOf(replayed)).toEqual(dataOf(received));
    for (const c of customers.filter((x) => x.forget)) {
      const own = replayed.filter((r) => r.customer_id === c.id);
      const withDetails = own.filter((r) => r.type === 'customer.registered.v1' || r.type === 'customer.changed.v1');
      expect(withDetails.length).toBeGreaterThanOrEqual(3);
      for (const row of withDetails) {
        for (const field of PERSONAL_FIELD_NAMES) expect(row.data[field]).toBeNull();
        expect(row.data.customerNumber).toBeTruthy(); // non-personal facts survive
      }
      expect(JSON.stringify(own)).not.toMatch(new RegExp(c.secrets.join('|')));
    }
    for (const c of customers.filter((x) => !x.forget)) {
      const registered = replayed.find((r) => r.customer_id === c.id && r.type === 'customer.registered.v1');
      expect(registered?.data).toMatchObject({ firstName: c.secrets[0], lastName: c.secrets[1], email: c.secrets[2] });
    }
  });
});
