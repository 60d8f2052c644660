import {
  CustomerArchivedError,
  type CustomerEvent,
  CustomerForgottenError,
  CustomerNotFoundError,
  foldCustomer,
  initialState,
} from '../../domain';
import { archived, CUSTOMER_ID, companyCreated, ctx, fieldErrorsOf, forgotten, given, personCreated, rejectionOf } from '../../testing/customer.fixtures';
import type { ChangeCustomerDetails } from './change-customer-details.command';
import { decideChangeCustomerDetails } from './change-customer-details.decide';

const change = (fields: Omit<ChangeCustomerDetails, 'type' | 'customerId'>): ChangeCustomerDetails => ({
  type: 'ChangeCustomerDetails',
  customerId: CUSTOMER_ID,
  ...fields,
});

/** Given these events, when the change is decided. */
const when = (fields: Omit<ChangeCustomerDetails, 'type' | 'customerId'>, ...history: CustomerEvent[]) =>
  decideChangeCustomerDetails(change(fields), given(...history), ctx);

const detailsChanged = (changes: object): CustomerEvent =>
  ({ type: 'CustomerDetailsChanged', data: { customerId: CUSTOMER_ID, ...changes } }) as CustomerEvent;

describe('ChangeCustomerDetails', () => {
  describe('rejections by status', () => {
    it('rejects an unknown customer as CUSTOMER.NOT_FOUND (404)', () => {
      const error = rejectionOf(() => decideChangeCustomerDetails(change({ email: 'a@b.be' }), initialState, ctx));
      expect(error).toBeInstanceOf(CustomerNotFoundError);
      expect(error).toMatchObject({ code: 'CUSTOMER.NOT_FOUND', status: 404, details: { customerId: CUSTOMER_ID } });
    });

    it('rejects an archived customer as CUSTOMER.ARCHIVED (409)', () => {
      const error = rejectionOf(() => when({ email: 'a@b.be' }, personCreated(), archived()));
      expect(error).toBeInstanceOf(CustomerArchivedError);
      expect(error).toMatchObject({ code: 'CUSTOMER.ARCHIVED', status: 409 });
    });

    it('rejects a forgotten customer as CUSTOMER.FORGOTTEN (410)', () => {
      const error = rejectionOf(() => when({ email: 'a@b.be' }, personCreated(), forgotten()));
      expect(error).toBeInstanceOf(CustomerForgottenError);
      expect(error).toMatchObject({ code: 'CUSTOMER.FORGOTTEN', status: 410 });
    });
  });

  describe('field-level changes', () => {
    it('records only the fields that differ, each with its value before and after', () => {
      expect(when({ email: 'Ann@Example.be', mobile: '+32 470 12 34 56', firstName: 'Anna' }, personCreated())).toEqual([
        detailsChanged({
          firstName: { from: 'Ann', to: 'Anna' },
          email: { from: 'ann.peeters@example.be', to: 'Ann@example.be' },
        }),
      ]);
    });

    it('records nothing when nothing differs after normalisation', () => {
      expect(when({ email: ' ann.peeters@EXAMPLE.BE ', lastName: 'Peeters ', language: 'nl-BE' }, personCreated())).toEqual([]);
      expect(when({}, personCreated())).toEqual([]);
    });

    it('clears a field given as null or blank', () => {
      expect(when({ email: null, mobile: '  ' }, personCreated())).toEqual([
        detailsChanged({ email: { from: 'ann.peeters@example.be', to: null }, mobile: { from: '+32470123456', to: null } }),
      ]);
    });

    it('reads a cleared language as en', () => {
      expect(when({ language: null }, personCreated({ language: 'nl' }))).toEqual([detailsChanged({ language: { from: 'nl', to: 'en' } })]);
      expect(when({ language: '' }, personCreated({ language: 'en' }))).toEqual([]);
    });

    it('replaces the address as a whole, recording the parts that differ', () => {
      expect(when({ address: { line: 'Veldstraat 2', zip: '9000', city: 'Gent', country: 'BE' } }, personCreated())).toEqual([
        detailsChanged({ address: { from: 'Kerkstraat 1', to: 'Veldstraat 2' } }),
      ]);
      // Parts not given in the new address are empty: no street from one address with a city from another.
      expect(when({ address: { city: 'Antwerpen' } }, personCreated())).toEqual([
        detailsChanged({
          address: { from: 'Kerkstraat 1', to: null },
          zip: { from: '9000', to: null },
          city: { from: 'Gent', to: 'Antwerpen' },
          country: { from: 'BE', to: null },
        }),
      ]);
    });

    it('clears the whole address with null', () => {
      expect(when({ address: null }, personCreated())).toEqual([
        detailsChanged({
          address: { from: 'Kerkstraat 1', to: null },
          zip: { from: '9000', to: null },
          city: { from: 'Gent', to: null },
          country: { from: 'BE', to: null },
        }),
      ]);
    });

    it('never changes the customer number, even when an untyped caller sends one', () => {
      const command = { ...change({ firstName: 'Anna' }), customerNumber: 'C-999' } as ChangeCustomerDetails;
      expect(decideChangeCustomerDetails(command, given(personCreated()), ctx)).toEqual([detailsChanged({ firstName: { from: 'Ann', to: 'Anna' } })]);
    });

    it('rejects with every bad field at once', () => {
      expect(fieldErrorsOf(() => when({ email: 'nope', mobile: '12', language: 'xx', address: { country: 'ZZ' } }, personCreated()))).toEqual([
        { field: 'country', code: 'UNKNOWN_COUNTRY' },
        { field: 'email', code: 'INVALID_FORMAT' },
        { field: 'mobile', code: 'INVALID_FORMAT' },
        { field: 'language', code: 'UNSUPPORTED_LANGUAGE' },
      ]);
    });
  });

  describe('a person', () => {
    it('may lose a name while it has a customer number', () => {
      expect(when({ firstName: null }, personCreated())).toEqual([detailsChanged({ firstName: { from: 'Ann', to: null } })]);
    });

    it('must keep both names when it has no customer number', () => {
      expect(fieldErrorsOf(() => when({ lastName: null }, personCreated({ customerNumber: null })))).toEqual([{ field: 'lastName', code: 'REQUIRED' }]);
      expect(fieldErrorsOf(() => when({ firstName: ' ', lastName: '' }, personCreated({ customerNumber: null })))).toEqual([
        { field: 'firstName', code: 'REQUIRED' },
        { field: 'lastName', code: 'REQUIRED' },
      ]);
    });

    it('has no enterprise or VAT number: giving one is refused (a rule error replaces a format error)', () => {
      expect(fieldErrorsOf(() => when({ enterpriseNumber: '0403019261', vatNumber: 'garbage!' }, personCreated()))).toEqual([
        { field: 'enterpriseNumber', code: 'COMPANY_ONLY' },
        { field: 'vatNumber', code: 'COMPANY_ONLY' },
      ]);
    });

    it('may be sent an empty enterprise number or company name: nothing changes', () => {
      expect(when({ enterpriseNumber: null, vatNumber: '', companyName: null }, personCreated())).toEqual([]);
    });

    it('becomes a company when it gets a company name, keeping its names as contact person', () => {
      const history = [personCreated()];
      const events = when({ companyName: ' Peeters BV ', enterpriseNumber: '0403.019.261' }, ...history);
      expect(events).toEqual([
        { type: 'PersonBecameCompany', data: { customerId: CUSTOMER_ID, companyName: 'Peeters BV' } },
        detailsChanged({ enterpriseNumber: { from: null, to: '0403019261' } }),
      ]);
      expect(foldCustomer([...history, ...events])).toMatchObject({
        kind: 'company',
        companyName: 'Peeters BV',
        enterpriseNumber: '0403019261',
        vatNumber: null,
        firstName: 'Ann',
        lastName: 'Peeters',
      });
    });

    it('becoming a company, may drop its names even without a customer number', () => {
      expect(when({ companyName: 'Peeters BV', firstName: null }, personCreated({ customerNumber: null }))).toEqual([
        { type: 'PersonBecameCompany', data: { customerId: CUSTOMER_ID, companyName: 'Peeters BV' } },
        detailsChanged({ firstName: { from: 'Ann', to: null } }),
      ]);
    });

    it('rejects a company name that is too long (and applies no person rules to it)', () => {
      expect(fieldErrorsOf(() => when({ companyName: 'x'.repeat(141), enterpriseNumber: '0403019261' }, personCreated()))).toEqual([
        { field: 'companyName', code: 'TOO_LONG' },
      ]);
    });
  });

  describe('a company', () => {
    it('is renamed by a new company name', () => {
      expect(when({ companyName: 'Acme Group NV' }, companyCreated())).toEqual([detailsChanged({ companyName: { from: 'Acme NV', to: 'Acme Group NV' } })]);
    });

    it('changes and clears its enterprise and VAT numbers', () => {
      expect(when({ enterpriseNumber: 'BE 428759497', vatNumber: null }, companyCreated())).toEqual([
        detailsChanged({ enterpriseNumber: { from: '0403019261', to: '0428759497' }, vatNumber: { from: 'BE0403019261', to: null } }),
      ]);
    });

    it('checks a new enterprise number as Belgian when the company is in Belgium', () => {
      expect(fieldErrorsOf(() => when({ enterpriseNumber: '0431150351' }, companyCreated()))).toEqual([
        { field: 'enterpriseNumber', code: 'INVALID_CHECK_DIGITS' },
      ]);
    });

    it('checks it against the country of an address given in the same change', () => {
      expect(when({ enterpriseNumber: '0431150351', address: { country: 'NL' } }, companyCreated())).toContainEqual(
        detailsChanged({
          enterpriseNumber: { from: '0403019261', to: '0431150351' },
          address: { from: 'Rue Royale 10', to: null },
          zip: { from: '1000', to: null },
          city: { from: 'Bruxelles', to: null },
          country: { from: 'BE', to: 'NL' },
        }),
      );
    });

    it('has no identity rule on its contact names', () => {
      expect(when({ firstName: null, lastName: null }, companyCreated({ customerNumber: null }))).toEqual([
        detailsChanged({ firstName: { from: 'Jan', to: null }, lastName: { from: 'Janssens', to: null } }),
      ]);
    });

    it('becomes a person when its company name is cleared, losing its enterprise and VAT number', () => {
      const history = [companyCreated()];
      const events = when({ companyName: null }, ...history);
      expect(events).toEqual([
        {
          type: 'CompanyBecamePerson',
          data: { customerId: CUSTOMER_ID, companyName: 'Acme NV', enterpriseNumber: '0403019261', vatNumber: 'BE0403019261' },
        },
      ]);
      const state = foldCustomer([...history, ...events]);
      expect(state).toMatchObject({ kind: 'person', status: 'active', firstName: 'Jan', lastName: 'Janssens', customerNumber: 'C-100' });
      expect(state).not.toHaveProperty('companyName');
      expect(state).not.toHaveProperty('enterpriseNumber');
    });

    it('records other changes first, then the change of kind, so every step is a valid customer', () => {
      const history = [companyCreated({ customerNumber: null, firstName: null, lastName: null })];
      const events = when({ companyName: '', firstName: 'Jan', lastName: 'Janssens', enterpriseNumber: null }, ...history);
      expect(events.map((event) => event.type)).toEqual(['CustomerDetailsChanged', 'CompanyBecamePerson']);
      expect(events[0]).toEqual(detailsChanged({ firstName: { from: null, to: 'Jan' }, lastName: { from: null, to: 'Janssens' } }));
      expect(foldCustomer([...history, ...events])).toMatchObject({ kind: 'person', firstName: 'Jan', lastName: 'Janssens' });
    });

    it('cannot become a person without a customer number or both names', () => {
      expect(fieldErrorsOf(() => when({ companyName: null }, companyCreated({ customerNumber: null, lastName: null })))).toEqual([
        { field: 'lastName', code: 'REQUIRED' },
      ]);
    });

    it('cannot become a person and get an enterprise or VAT number in the same change', () => {
      expect(fieldErrorsOf(() => when({ companyName: null, enterpriseNumber: '0428759497', vatNumber: 'BE0428759497' }, companyCreated()))).toEqual([
        { field: 'enterpriseNumber', code: 'COMPANY_ONLY' },
        { field: 'vatNumber', code: 'COMPANY_ONLY' },
      ]);
    });
  });
});
