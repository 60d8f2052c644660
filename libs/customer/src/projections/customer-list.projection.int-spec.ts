import { randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { EventStore, eventStoreMigrations, ProjectionRebuilder } from '@cm/event-store';
import { createTestDatabase, type TestDatabase } from '../../../../test/setup/test-database';
import { CustomerCommandHandler } from '../application/customer-command-handler';
import { newCustomerId } from '../application/customer-id';
import { CustomerNumberTakenError } from '../domain/customer.errors';
import { customerMigrations } from '../migrations';
import { customerListProjection } from './customer-list.projection';

const tenant = randomUUID();
const meta = { actor: { type: 'system', id: 'test' }, correlationId: randomUUID() } as const;

describe('customer-list projection', () => {
  let t: TestDatabase;
  let handler: CustomerCommandHandler;
  let store: EventStore;

  beforeAll(async () => {
    t = await createTestDatabase([eventStoreMigrations, customerMigrations]);
    store = new EventStore({ db: t.database.db, masterKey: randomBytes(32), inlineProjections: [customerListProjection] });
    handler = new CustomerCommandHandler(store);
  });
  afterAll(() => t.drop());

  const create = (n: number) =>
    handler.execute(tenant, { type: 'CreatePersonCustomer', customerId: newCustomerId(), customerNumber: `N-${n}`, firstName: 'Ann', lastName: `L${n}` }, meta);
  const rows = async () =>
    (
      await sql<{ id: string; customer_number: string; email: string | null; version: number }>`
        SELECT id, customer_number, email, version FROM customer.customers ORDER BY id`.execute(t.database.db)
    ).rows;

  it('rebuilds without losing writes made during the rebuild, and keeps the uniqueness index', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 40; i++) ids.push((await create(i)).customerId);
    const before = await rows();

    let writes: Promise<unknown> | undefined;
    const rebuilder = new ProjectionRebuilder(store, 10);
    await rebuilder.rebuild(customerListProjection, ({ done }) => {
      // Mid-rebuild: more creates and changes land in the live table while the shadow fills.
      if (done > 0 && !writes) {
        writes = Promise.all([
          ...Array.from({ length: 10 }, (_, i) => create(100 + i)),
          ...ids.slice(0, 10).map((customerId, i) => handler.execute(tenant, { type: 'ChangeCustomerDetails', customerId, email: `c${i}@example.com` }, meta)),
        ]);
      }
    });
    await writes;

    const after = await rows();
    expect(after).toHaveLength(before.length + 10);
    expect(after.filter((r) => r.email !== null)).toHaveLength(10);
    for (const row of after) {
      const { version } = await store.aggregateStream(tenant, `customer-${row.id}`, { initial: null, evolve: () => null });
      expect(row.version).toBe(version);
    }
    const { rows: indexes } = await sql<{ indexname: string }>`
      SELECT indexname FROM pg_indexes WHERE schemaname = 'customer' AND tablename = 'customers' ORDER BY 1`.execute(t.database.db);
    expect(indexes.map((i) => i.indexname)).toEqual([
      'customers_country',
      'customers_email',
      'customers_number_unique',
      'customers_pkey',
      'customers_search',
      'customers_status',
    ]);
    await expect(create(1)).rejects.toBeInstanceOf(CustomerNumberTakenError);
  });
});
