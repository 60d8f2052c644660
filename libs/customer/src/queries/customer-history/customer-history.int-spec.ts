import { randomBytes, randomUUID } from 'node:crypto';
import { EventStore, eventStoreMigrations } from '@cm/event-store';
import { createTestDatabase, type TestDatabase } from '../../../../../test/setup/test-database';
import { CustomerCommandHandler } from '../../application/customer-command-handler';
import { newCustomerId } from '../../application/customer-id';
import { customerMigrations } from '../../migrations';
import { customerListProjection } from '../../projections/customer-list.projection';
import { CustomerHistoryQuery } from './customer-history.query';
import { locateCustomers } from './locate-customer.query';

const acme = randomUUID();
const globex = randomUUID();
const meta = { actor: { type: 'user', id: 'u-7' }, correlationId: randomUUID() } as const;

describe('CustomerHistoryQuery and locateCustomers', () => {
  let t: TestDatabase;
  let handler: CustomerCommandHandler;
  let query: CustomerHistoryQuery;

  beforeAll(async () => {
    t = await createTestDatabase([eventStoreMigrations, customerMigrations]);
    const store = new EventStore({ db: t.database.db, masterKey: randomBytes(32), inlineProjections: [customerListProjection] });
    handler = new CustomerCommandHandler(store);
    query = new CustomerHistoryQuery(store);
  });
  afterAll(() => t.drop());

  it('reads the trail from the events; after a forget the personal values read as erased, the rest stays', async () => {
    const customerId = newCustomerId();
    await handler.execute(acme, { type: 'CreatePersonCustomer', customerId, customerNumber: 'H-1', firstName: 'Ann', lastName: 'Peeters', language: 'nl' }, meta);
    await handler.execute(acme, { type: 'ChangeCustomerDetails', customerId, email: 'ann@example.be', language: 'fr' }, meta);
    expect((await query.history(acme, customerId))?.[1].changes).toEqual([
      { field: 'email', from: null, to: 'ann@example.be' },
      { field: 'language', from: 'nl', to: 'fr' },
    ]);

    await handler.execute(acme, { type: 'ForgetCustomer', customerId }, meta);
    const history = await query.history(acme, customerId);
    expect(history?.map((entry) => entry.eventType)).toEqual(['PersonCustomerCreated', 'CustomerDetailsChanged', 'CustomerForgotten']);
    expect(history?.[0]).toMatchObject({ version: 1, actor: { type: 'user', id: 'u-7' }, correlationId: meta.correlationId });
    expect(history?.[0].changes).toEqual([
      { field: 'type', from: null, to: 'person' },
      { field: 'customerNumber', from: null, to: 'H-1' },
      { field: 'firstName', from: null, to: null, erased: true },
      { field: 'lastName', from: null, to: null, erased: true },
      { field: 'language', from: null, to: 'nl' },
    ]);
    expect(history?.[1].changes).toEqual([
      { field: 'email', from: null, to: null, erased: true },
      { field: 'language', from: 'nl', to: 'fr' },
    ]);
    expect(history?.[2].changes).toEqual([{ field: 'status', from: 'active', to: 'forgotten' }]);
    expect(JSON.stringify(history)).not.toMatch(/Ann|Peeters|ann@example/);
  });

  it('has no trail for another organization\'s customer, an unknown id or a non-UUID', async () => {
    const customerId = newCustomerId();
    await handler.execute(acme, { type: 'CreatePersonCustomer', customerId, firstName: 'Bo', lastName: 'Claes' }, meta);
    expect(await query.history(acme, customerId)).toHaveLength(1);
    expect(await query.history(globex, customerId)).toBeUndefined();
    expect(await query.history(acme, newCustomerId())).toBeUndefined();
    expect(await query.history(acme, 'H-1')).toBeUndefined();
  });

  it('locates customers by id or customer number across organizations, or in one', async () => {
    const inAcme = newCustomerId();
    const inGlobex = newCustomerId();
    await handler.execute(acme, { type: 'CreatePersonCustomer', customerId: inAcme, customerNumber: 'SHARED-1', firstName: 'A', lastName: 'A' }, meta);
    await handler.execute(globex, { type: 'CreatePersonCustomer', customerId: inGlobex, customerNumber: 'SHARED-1', firstName: 'G', lastName: 'G' }, meta);

    const shared = await locateCustomers(t.database.db, 'SHARED-1');
    expect(shared.map((l) => l.customerId).sort()).toEqual([inAcme, inGlobex].sort());
    expect(await locateCustomers(t.database.db, 'SHARED-1', globex)).toEqual([{ tenant: globex, customerId: inGlobex, customerNumber: 'SHARED-1' }]);
    expect(await locateCustomers(t.database.db, inAcme.toUpperCase())).toEqual([{ tenant: acme, customerId: inAcme, customerNumber: 'SHARED-1' }]);
    expect(await locateCustomers(t.database.db, inAcme, globex)).toEqual([]);
    expect(await locateCustomers(t.database.db, 'NOPE')).toEqual([]);
  });
});
