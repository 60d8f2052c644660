import { archived, CUSTOMER_ID, companyCreated, forgotten, given, personCreated, restored } from '../testing/customer.fixtures';
import { type CustomerEvent, PERSONAL_FIELDS } from './customer.events';
import { evolve, foldCustomer, initialState } from './customer.state';

/** What the event store hands back once the subject's key is deleted: personal fields read as null. */
const shredded = (event: CustomerEvent): CustomerEvent => {
  const data: Record<string, unknown> = { ...event.data };
  for (const field of PERSONAL_FIELDS[event.type]) if (field in data) data[field] = null;
  return { ...event, data } as CustomerEvent;
};

describe('customer state', () => {
  it('starts with no customer', () => {
    expect(initialState).toEqual({ kind: 'none' });
    expect(foldCustomer([])).toBe(initialState);
  });

  it('folds a person with every field, and nothing else', () => {
    expect(given(personCreated())).toEqual({
      kind: 'person',
      customerId: CUSTOMER_ID,
      status: 'active',
      customerNumber: 'C-001',
      firstName: 'Ann',
      lastName: 'Peeters',
      email: 'ann.peeters@example.be',
      mobile: '+32470123456',
      language: 'nl',
      address: 'Kerkstraat 1',
      zip: '9000',
      city: 'Gent',
      country: 'BE',
    });
  });

  it('folds a company with its company fields', () => {
    expect(given(companyCreated())).toMatchObject({ kind: 'company', companyName: 'Acme NV', enterpriseNumber: '0403019261', vatNumber: 'BE0403019261' });
  });

  it('follows the status through archive and restore', () => {
    expect(given(personCreated(), archived())).toMatchObject({ status: 'archived' });
    expect(given(personCreated(), archived(), restored())).toMatchObject({ status: 'active' });
  });

  it('applies field-level changes and the kind changes', () => {
    const history: CustomerEvent[] = [
      companyCreated(),
      {
        type: 'CustomerDetailsChanged',
        data: { customerId: CUSTOMER_ID, email: { from: 'billing@acme.be', to: 'ap@acme.be' }, zip: { from: '1000', to: null } },
      },
      {
        type: 'CompanyBecamePerson',
        data: { customerId: CUSTOMER_ID, companyName: 'Acme NV', enterpriseNumber: '0403019261', vatNumber: 'BE0403019261' },
      },
      { type: 'CustomerNumberChanged', data: { customerId: CUSTOMER_ID, oldCustomerNumber: 'C-100', newCustomerNumber: 'C-101' } },
      { type: 'PersonBecameCompany', data: { customerId: CUSTOMER_ID, companyName: 'Janssens BV' } },
      { type: 'CompanyEnriched', data: { customerId: CUSTOMER_ID, source: 'kbo', vatNumber: { from: null, to: 'BE0428759497' } } },
    ];
    expect(given(...history)).toMatchObject({
      kind: 'company',
      companyName: 'Janssens BV',
      enterpriseNumber: null,
      vatNumber: 'BE0428759497',
      customerNumber: 'C-101',
      email: 'ap@acme.be',
      zip: null,
      firstName: 'Jan',
    });
  });

  it('after forgetting, a replay of the shredded history gives exactly the live state', () => {
    const history: CustomerEvent[] = [
      personCreated(),
      {
        type: 'CustomerDetailsChanged',
        data: { customerId: CUSTOMER_ID, email: { from: 'ann.peeters@example.be', to: 'ann@example.be' }, language: { from: 'nl', to: 'fr' } },
      },
      { type: 'PersonBecameCompany', data: { customerId: CUSTOMER_ID, companyName: 'Peeters BV' } },
      { type: 'CompanyEnriched', data: { customerId: CUSTOMER_ID, source: 'kbo', city: { from: 'Gent', to: 'Gent-Centrum' } } },
      archived(),
      forgotten(),
    ];
    const live = given(...history);
    expect(foldCustomer(history.map(shredded))).toEqual(live);
    expect(live).toMatchObject({
      status: 'forgotten',
      kind: 'company',
      companyName: 'Peeters BV',
      language: 'fr',
      customerNumber: 'C-001',
      email: null,
      city: null,
    });
  });

  describe('a corrupt stream throws instead of inventing a customer', () => {
    it.each<CustomerEvent>([
      archived(),
      { type: 'CustomerDetailsChanged', data: { customerId: CUSTOMER_ID, email: { from: null, to: 'a@b.be' } } },
    ])('$type before creation', (event) => {
      expect(() => evolve(initialState, event)).toThrow(/never created/);
    });

    it('a company-only change on a person', () => {
      expect(() =>
        given(personCreated(), { type: 'CustomerDetailsChanged', data: { customerId: CUSTOMER_ID, vatNumber: { from: null, to: 'BE0403019261' } } }),
      ).toThrow(/changes vatNumber of person/);
      expect(() => given(personCreated(), { type: 'CompanyEnriched', data: { customerId: CUSTOMER_ID, source: 'kbo' } })).toThrow(/on person/);
    });

    it('a kind change that does not fit the kind', () => {
      const becamePerson: CustomerEvent = {
        type: 'CompanyBecamePerson',
        data: { customerId: CUSTOMER_ID, companyName: 'x', enterpriseNumber: null, vatNumber: null },
      };
      expect(() => given(personCreated(), becamePerson)).toThrow(/on person/);
      expect(() => given(companyCreated(), { type: 'PersonBecameCompany', data: { customerId: CUSTOMER_ID, companyName: 'x' } })).toThrow(/on company/);
    });
  });
});
