import { randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { EventStore, eventStoreMigrations } from '@cm/event-store';
import { createTestDatabase, type TestDatabase } from '../../../../test/setup/test-database';
import { CustomerNumberTakenError } from '../domain/customer.errors';
import { customerMigrations } from '../migrations';
import { customerListProjection } from '../projections/customer-list.projection';
import { CustomerReader } from '../queries/customer-reader';
import { CustomerVersionMismatchError } from './application.errors';
import { CustomerCommandHandler } from './customer-command-handler';
import { newCustomerId } from './customer-id';

const tenant = randomUUID();
const meta = { actor: { type: 'api-key', id: 'k1' }, correlationId: randomUUID() } as const;

describe('CustomerCommandHandler', () => {
  let t: TestDatabase;
  let handler: CustomerCommandHandler;
  let reader: CustomerReader;

  beforeAll(async () => {
    t = await createTestDatabase([eventStoreMigrations, customerMigrations]);
    const store = new EventStore({ db: t.database.db, masterKey: randomBytes(32), inlineProjections: [customerListProjection] });
    handler = new CustomerCommandHandler(store);
    reader = new CustomerReader(t.database.db);
  });
  afterAll(() => t.drop());

  const createPerson = (customerNumber: string, customerId = newCustomerId()) =>
    handler.execute(tenant, { type: 'CreatePersonCustomer', customerId, customerNumber, firstName: 'Jérôme', lastName: 'Peeters' }, meta);

  it('creates a customer readable at once from the read model', async () => {
    const { customerId, version } = await createPerson('C-1');
    expect(version).toBe(1);
    expect(await reader.byId(tenant, customerId)).toMatchObject({ customerNumber: 'C-1', firstName: 'Jérôme', type: 'person', status: 'active', version: 1 });
  });

  it('lets exactly one of many concurrent creates with one customer number succeed, naming the winner', async () => {
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => createPerson('C-RACE')));
    const won = results.filter((r): r is PromiseFulfilledResult<Awaited<ReturnType<typeof createPerson>>> => r.status === 'fulfilled');
    expect(won).toHaveLength(1);
    for (const r of results) {
      if (r.status === 'rejected') {
        expect(r.reason).toBeInstanceOf(CustomerNumberTakenError);
        expect(r.reason.existingCustomerId).toBe(won[0].value.customerId);
      }
    }
    const { rows } = await sql<{ n: string }>`SELECT count(*) AS n FROM event_store.events WHERE data->>'customerNumber' = 'C-RACE'`.execute(t.database.db);
    expect(rows[0].n).toBe('1');
  });

  it('refuses a stale If-Match version and writes nothing', async () => {
    const { customerId } = await createPerson('C-2');
    await handler.execute(tenant, { type: 'ChangeCustomerDetails', customerId, email: 'a@example.com' }, meta);
    await expect(
      handler.execute(tenant, { type: 'ChangeCustomerDetails', customerId, email: 'b@example.com' }, meta, { ifVersion: 1 }),
    ).rejects.toBeInstanceOf(CustomerVersionMismatchError);
    expect((await reader.byId(tenant, customerId))?.email).toBe('a@example.com');
  });

  it('forgets: personal fields erased from the read model and unreadable in the history', async () => {
    const { customerId } = await createPerson('C-3');
    await handler.execute(tenant, { type: 'ChangeCustomerDetails', customerId, email: 'jerome@example.com' }, meta);
    await handler.execute(tenant, { type: 'ForgetCustomer', customerId }, meta);
    expect(await reader.byId(tenant, customerId)).toMatchObject({ status: 'forgotten', firstName: null, email: null, customerNumber: 'C-3' });
    const dump = await sql<{ t: string }>`SELECT string_agg(e::text, ' ') AS t FROM event_store.events e`.execute(t.database.db);
    const readModel = await sql<{ t: string }>`SELECT c::text AS t FROM customer.customers c WHERE id = ${customerId}`.execute(t.database.db);
    expect(dump.rows[0].t).not.toContain('jerome@example.com');
    expect(readModel.rows[0].t).not.toMatch(/jerome@example\.com|Peeters|peeters/);
  });
});
