import { randomBytes, randomUUID } from 'node:crypto';
import { EventStore, eventStoreMigrations } from '@cm/event-store';
import { createTestDatabase, type TestDatabase } from '../../../../../test/setup/test-database';
import { CustomerCommandHandler } from '../../application/customer-command-handler';
import { newCustomerId } from '../../application/customer-id';
import { customerMigrations } from '../../migrations';
import { customerListProjection } from '../../projections/customer-list.projection';
import { CustomerReader } from '../customer-reader';
import { GetCustomerQuery } from './get-customer.query';

const tenant = randomUUID();
const otherTenant = randomUUID();
const meta = { actor: { type: 'api-key', id: 'k1' }, correlationId: randomUUID() } as const;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('GetCustomerQuery', () => {
  let t: TestDatabase;
  let store: EventStore;
  let handler: CustomerCommandHandler;
  let query: GetCustomerQuery;

  beforeAll(async () => {
    t = await createTestDatabase([eventStoreMigrations, customerMigrations]);
    store = new EventStore({ db: t.database.db, masterKey: randomBytes(32), inlineProjections: [customerListProjection] });
    handler = new CustomerCommandHandler(store);
    query = new GetCustomerQuery(new CustomerReader(t.database.db), store);
  });
  afterAll(() => t.drop());

  /** A person changed twice (e-mail, then archived), each write a few ms apart; the recorded times of its events. */
  async function customerWithHistory() {
    const customerId = newCustomerId();
    await handler.execute(tenant, { type: 'CreatePersonCustomer', customerId, customerNumber: `N-${customerId.slice(-12)}`, firstName: 'Jérôme', lastName: 'Peeters' }, meta);
    await pause(5);
    await handler.execute(tenant, { type: 'ChangeCustomerDetails', customerId, email: 'jerome@example.com' }, meta);
    await pause(5);
    await handler.execute(tenant, { type: 'ArchiveCustomer', customerId }, meta);
    const times = (await store.readStream(tenant, `customer-${customerId}`)).map((e) => e.recordedAt);
    return { customerId, times };
  }

  it('reads the current customer from the read model, and nothing for another organization or a non-UUID', async () => {
    const { customerId } = await customerWithHistory();
    expect(await query.current(tenant, customerId)).toMatchObject({ id: customerId, email: 'jerome@example.com', status: 'archived', version: 3 });
    expect(await query.current(otherTenant, customerId)).toBeUndefined();
    expect(await query.current(tenant, 'not-a-uuid')).toBeUndefined();
  });

  it('folds the customer as of its latest version into exactly the read model\'s view', async () => {
    const { customerId } = await customerWithHistory();
    expect(await query.asOf(tenant, customerId, { version: 3 })).toEqual(await query.current(tenant, customerId));
    expect(await query.asOf(tenant, customerId, { at: new Date(Date.now() + 60_000) })).toEqual(await query.current(tenant, customerId));
  });

  it('shows the customer as it was at a version: that version, createdAt of the first event, updatedAt of the last folded', async () => {
    const { customerId, times } = await customerWithHistory();
    expect(await query.asOf(tenant, customerId, { version: 1 })).toMatchObject({
      version: 1,
      email: null,
      status: 'active',
      createdAt: times[0].toISOString(),
      updatedAt: times[0].toISOString(),
    });
    expect(await query.asOf(tenant, customerId, { version: 2 })).toMatchObject({
      version: 2,
      email: 'jerome@example.com',
      status: 'active',
      createdAt: times[0].toISOString(),
      updatedAt: times[1].toISOString(),
    });
  });

  it('shows the customer as it was at an instant, to the millisecond', async () => {
    const { customerId, times } = await customerWithHistory();
    expect(await query.asOf(tenant, customerId, { at: times[0] })).toMatchObject({ version: 1, email: null });
    expect(await query.asOf(tenant, customerId, { at: new Date(times[2].getTime() - 1) })).toMatchObject({ version: 2, status: 'active' });
    expect(await query.asOf(tenant, customerId, { at: times[2] })).toMatchObject({ version: 3, status: 'archived' });
  });

  it('has nothing before the creation, at version 0, past the latest version, or for another organization', async () => {
    const { customerId, times } = await customerWithHistory();
    expect(await query.asOf(tenant, customerId, { at: new Date(times[0].getTime() - 1) })).toBeUndefined();
    expect(await query.asOf(tenant, customerId, { version: 0 })).toBeUndefined();
    expect(await query.asOf(tenant, customerId, { version: 4 })).toBeUndefined();
    expect(await query.asOf(otherTenant, customerId, { version: 1 })).toBeUndefined();
    expect(await query.asOf(tenant, randomUUID(), { version: 1 })).toBeUndefined();
  });

  it('shows the past of a forgotten customer with its personal data erased', async () => {
    const { customerId } = await customerWithHistory();
    await handler.execute(tenant, { type: 'ForgetCustomer', customerId }, meta);
    expect(await query.asOf(tenant, customerId, { version: 2 })).toMatchObject({
      version: 2,
      customerNumber: `N-${customerId.slice(-12)}`,
      firstName: null,
      lastName: null,
      email: null,
      status: 'active',
    });
  });
});
