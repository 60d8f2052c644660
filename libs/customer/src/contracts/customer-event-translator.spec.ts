import type { StoredEvent } from '@cm/event-store';
import type { CustomerEvent } from '../domain/customer.events';
import { archived, companyCreated, CUSTOMER_ID, forgotten, personCreated, restored } from '../testing/customer.fixtures';
import { customerHistoryNeeded, translateCustomerEvents } from './customer-event-translator';

const TENANT = '0b6f1e2a-3c4d-4e5f-8a9b-0c1d2e3f4a5b';
const STREAM = `customer-${CUSTOMER_ID}`;
const RECORDED_AT = new Date('2026-11-25T10:00:00.000Z');

/** Domain events as the store would hand them over, versions 1..n. */
function stored(events: readonly CustomerEvent[], firstVersion = 1): StoredEvent[] {
  return events.map((event, i) => ({
    tenant: TENANT,
    streamId: STREAM,
    streamType: 'customer',
    version: firstVersion + i,
    position: BigInt(firstVersion + i),
    transactionId: 1n,
    id: `00000000-0000-4000-8000-${String(firstVersion + i).padStart(12, '0')}`,
    type: event.type,
    schemaVersion: 1,
    data: event.data,
    metadata: { correlationId: 'c', actor: { type: 'system', id: 'test' } },
    recordedAt: RECORDED_AT,
    erasedFields: [],
  }));
}

const detailsChanged = (data: Omit<Extract<CustomerEvent, { type: 'CustomerDetailsChanged' }>['data'], 'customerId'>): CustomerEvent => ({
  type: 'CustomerDetailsChanged',
  data: { customerId: CUSTOMER_ID, ...data },
});

describe('translateCustomerEvents', () => {
  it('publishes a registration with every field, the envelope keyed on the source event', () => {
    const [event] = stored([personCreated()]);
    expect(translateCustomerEvents([event])).toEqual([
      {
        type: 'customer.registered.v1',
        id: event.id,
        occurredAt: '2026-11-25T10:00:00.000Z',
        organizationId: TENANT,
        customerId: CUSTOMER_ID,
        version: 1,
        data: {
          id: CUSTOMER_ID,
          type: 'person',
          customerNumber: 'C-001',
          companyName: null,
          enterpriseNumber: null,
          vatNumber: null,
          country: 'BE',
          language: 'nl',
          firstName: 'Ann',
          lastName: 'Peeters',
          email: 'ann.peeters@example.be',
          mobile: '+32470123456',
          address: 'Kerkstraat 1',
          zip: '9000',
          city: 'Gent',
        },
      },
    ]);
  });

  it('publishes a change as the full snapshot after it, with the fields it touched', () => {
    const events = stored([companyCreated(), detailsChanged({ email: { from: 'billing@acme.be', to: 'info@acme.be' }, city: { from: 'Bruxelles', to: 'Brussel' } })]);
    const [, changed] = translateCustomerEvents(events);
    expect(changed).toMatchObject({
      type: 'customer.changed.v1',
      version: 2,
      data: { type: 'company', companyName: 'Acme NV', email: 'info@acme.be', city: 'Brussel', status: 'active', changedFields: ['email', 'city'] },
    });
  });

  it('folds the history before the batch, not a read model, for the snapshot', () => {
    const history = stored([personCreated(), detailsChanged({ email: { from: 'ann.peeters@example.be', to: 'ann@example.be' } })]);
    const batch = stored([detailsChanged({ mobile: { from: '+32470123456', to: null } })], 3);
    expect(customerHistoryNeeded(batch)).toEqual([{ tenant: TENANT, streamId: STREAM, toVersion: 2 }]);
    const [changed] = translateCustomerEvents(batch, new Map([[`${TENANT}/${STREAM}`, history]]));
    expect(changed).toMatchObject({ version: 3, data: { email: 'ann@example.be', mobile: null, changedFields: ['mobile'] } });
  });

  it('reports a change of kind as a change of type', () => {
    const becamePerson: CustomerEvent = {
      type: 'CompanyBecamePerson',
      data: { customerId: CUSTOMER_ID, companyName: 'Acme NV', enterpriseNumber: '0403019261', vatNumber: null },
    };
    const [, changed] = translateCustomerEvents(stored([companyCreated({ vatNumber: null }), becamePerson]));
    expect(changed).toMatchObject({
      type: 'customer.changed.v1',
      data: { type: 'person', companyName: null, enterpriseNumber: null, changedFields: ['type', 'companyName', 'enterpriseNumber'] },
    });
  });

  it('publishes number changes, archiving, restoring and forgetting with the customer id only', () => {
    const number: CustomerEvent = { type: 'CustomerNumberChanged', data: { customerId: CUSTOMER_ID, oldCustomerNumber: 'C-001', newCustomerNumber: 'C-002' } };
    const published = translateCustomerEvents(stored([personCreated(), number, archived(), restored(), forgotten()]));
    expect(published.map(({ type, version, data }) => ({ type, version, data }))).toEqual([
      expect.objectContaining({ type: 'customer.registered.v1', version: 1 }),
      { type: 'customer.number-changed.v1', version: 2, data: { id: CUSTOMER_ID, old: 'C-001', new: 'C-002' } },
      { type: 'customer.archived.v1', version: 3, data: { id: CUSTOMER_ID } },
      { type: 'customer.restored.v1', version: 4, data: { id: CUSTOMER_ID } },
      { type: 'customer.forgotten.v1', version: 5, data: { id: CUSTOMER_ID } },
    ]);
  });

  it('publishes what the store reads back after forgetting: personal fields null', () => {
    const erased = { firstName: null, lastName: null, email: null, mobile: null, address: null, zip: null, city: null };
    const events = stored([personCreated(erased), detailsChanged({ email: null, zip: null })]);
    const [registered, changed] = translateCustomerEvents(events);
    expect(registered.data).toMatchObject({ ...erased, customerNumber: 'C-001', country: 'BE' });
    expect(changed.data).toMatchObject({ ...erased, changedFields: ['email', 'zip'] });
  });

  it('refuses a batch with a gap in a stream rather than publish a wrong snapshot', () => {
    const events = stored([personCreated(), archived(), restored()]);
    expect(() => translateCustomerEvents([events[0], events[2]])).toThrow(/version 3 follows 1/);
    expect(() => translateCustomerEvents([events[2]])).toThrow(/version 3 follows 0/);
  });
});
