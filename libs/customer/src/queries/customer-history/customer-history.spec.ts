import type { StoredEvent } from '@cm/event-store';
import type { CustomerEvent } from '../../domain/customer.events';
import { companyCreated, CUSTOMER_ID, personCreated } from '../../testing/customer.fixtures';
import { customerHistory } from './customer-history';

const T0 = Date.parse('2026-11-25T10:00:00.000Z');
const actor = { type: 'api-key', id: 'key-1' } as const;

/** The events as the store reads them back: versions from 1, a minute apart. */
function stored(events: readonly CustomerEvent[], erased: Readonly<Record<number, readonly string[]>> = {}): StoredEvent[] {
  return events.map((event, index) => ({
    tenant: '3f0c8a52-8f6e-4a8e-9a57-4b1c0f9d2e11',
    streamId: `customer-${CUSTOMER_ID}`,
    streamType: 'customer',
    version: index + 1,
    position: BigInt(index + 1),
    transactionId: BigInt(100 + index),
    id: `event-${index}`,
    type: event.type,
    schemaVersion: 1,
    data: event.data,
    metadata: { actor, correlationId: `corr-${index}` },
    recordedAt: new Date(T0 + index * 60_000),
    erasedFields: erased[index + 1] ?? [],
  }));
}

const data = { customerId: CUSTOMER_ID };

describe('customerHistory', () => {
  it('lists a created customer\'s set fields from null, with version, time, actor and correlation id', () => {
    const [entry] = customerHistory(stored([personCreated({ mobile: null, address: null, zip: null, city: null, country: null })]));
    expect(entry).toEqual({
      eventType: 'PersonCustomerCreated',
      version: 1,
      recordedAt: '2026-11-25T10:00:00.000Z',
      actor: { type: 'api-key', id: 'key-1' },
      correlationId: 'corr-0',
      changes: [
        { field: 'type', from: null, to: 'person' },
        { field: 'customerNumber', from: null, to: 'C-001' },
        { field: 'firstName', from: null, to: 'Ann' },
        { field: 'lastName', from: null, to: 'Peeters' },
        { field: 'email', from: null, to: 'ann.peeters@example.be' },
        { field: 'language', from: null, to: 'nl' },
      ],
    });
  });

  it('names the registry an enrichment came from, and only there', () => {
    const history = customerHistory(stored([companyCreated(), { type: 'CompanyEnriched', data: { ...data, source: 'vies', zip: { from: null, to: '1000' } } }]));
    expect(history[0]).not.toHaveProperty('source');
    expect(history[1]).toMatchObject({ eventType: 'CompanyEnriched', source: 'vies', changes: [{ field: 'zip', from: null, to: '1000' }] });
  });

  it('maps every kind of change to its fields, status followed along', () => {
    const history = customerHistory(
      stored([
        companyCreated(),
        { type: 'CustomerDetailsChanged', data: { ...data, email: { from: 'billing@acme.be', to: 'ap@acme.be' }, vatNumber: { from: 'BE0403019261', to: null } } },
        { type: 'CompanyEnriched', data: { ...data, source: 'kbo', city: { from: 'Bruxelles', to: 'Brussel' } } },
        { type: 'CustomerNumberChanged', data: { ...data, oldCustomerNumber: 'C-100', newCustomerNumber: 'C-200' } },
        { type: 'CompanyBecamePerson', data: { ...data, companyName: 'Acme NV', enterpriseNumber: '0403019261', vatNumber: null } },
        { type: 'PersonBecameCompany', data: { ...data, companyName: 'Acme BV' } },
        { type: 'CustomerArchived', data: { ...data, archivedAt: '2026-11-25T10:06:00.000Z' } },
        { type: 'CustomerRestored', data: { ...data, restoredAt: '2026-11-25T10:07:00.000Z' } },
        { type: 'CustomerArchived', data: { ...data, archivedAt: '2026-11-25T10:08:00.000Z' } },
        { type: 'CustomerForgotten', data: { ...data, forgottenAt: '2026-11-25T10:09:00.000Z' } },
      ]),
    );
    expect(history.map((entry) => [entry.version, entry.eventType, entry.changes])).toEqual([
      [1, 'CompanyCustomerCreated', expect.arrayContaining([{ field: 'type', from: null, to: 'company' }, { field: 'companyName', from: null, to: 'Acme NV' }])],
      [
        2,
        'CustomerDetailsChanged',
        [
          { field: 'vatNumber', from: 'BE0403019261', to: null },
          { field: 'email', from: 'billing@acme.be', to: 'ap@acme.be' },
        ],
      ],
      [3, 'CompanyEnriched', [{ field: 'city', from: 'Bruxelles', to: 'Brussel' }]],
      [4, 'CustomerNumberChanged', [{ field: 'customerNumber', from: 'C-100', to: 'C-200' }]],
      [
        5,
        'CompanyBecamePerson',
        [
          { field: 'type', from: 'company', to: 'person' },
          { field: 'companyName', from: 'Acme NV', to: null },
          { field: 'enterpriseNumber', from: '0403019261', to: null },
        ],
      ],
      [
        6,
        'PersonBecameCompany',
        [
          { field: 'type', from: 'person', to: 'company' },
          { field: 'companyName', from: null, to: 'Acme BV' },
        ],
      ],
      [7, 'CustomerArchived', [{ field: 'status', from: 'active', to: 'archived' }]],
      [8, 'CustomerRestored', [{ field: 'status', from: 'archived', to: 'active' }]],
      [9, 'CustomerArchived', [{ field: 'status', from: 'active', to: 'archived' }]],
      [10, 'CustomerForgotten', [{ field: 'status', from: 'archived', to: 'forgotten' }]],
    ]);
    expect(history[0].changes).toHaveLength(14);
  });

  it('shows personal values of a forgotten customer as erased, keeping which field changed', () => {
    const history = customerHistory(
      stored(
        [
          personCreated({ firstName: null, lastName: null, email: null, mobile: null, address: null, zip: null, city: null }),
          { type: 'CustomerDetailsChanged', data: { ...data, email: null, language: { from: 'nl', to: 'fr' } } },
          { type: 'CustomerForgotten', data: { ...data, forgottenAt: '2026-11-25T10:02:00.000Z' } },
        ],
        { 2: ['email'] },
      ),
    );
    expect(history[1].changes).toEqual([
      { field: 'email', from: null, to: null, erased: true },
      { field: 'language', from: 'nl', to: 'fr' },
    ]);
  });

  it('shows erased fields of a created event, and leaves out the ones that were empty', () => {
    const erased = ['firstName', 'lastName', 'email', 'mobile', 'address', 'zip', 'city'];
    const created = personCreated({ firstName: null, lastName: null, email: null, mobile: null, address: null, zip: null, city: null });
    const [entry] = customerHistory(stored([created], { 1: erased }));
    expect(entry.changes).toEqual([
      { field: 'type', from: null, to: 'person' },
      { field: 'customerNumber', from: null, to: 'C-001' },
      ...erased.slice(0, 4).map((field) => ({ field, from: null, to: null, erased: true })),
      { field: 'language', from: null, to: 'nl' },
      ...erased.slice(4).map((field) => ({ field, from: null, to: null, erased: true })),
      { field: 'country', from: null, to: 'BE' },
    ]);
  });

  it('shows an event of an unknown type without field changes', () => {
    const [, entry] = customerHistory(stored([personCreated(), { type: 'CustomerMerged', data } as unknown as CustomerEvent]));
    expect(entry).toMatchObject({ eventType: 'CustomerMerged', version: 2, changes: [] });
  });
});
