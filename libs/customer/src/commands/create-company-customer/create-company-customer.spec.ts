import { CustomerAlreadyExistsError, evolve, initialState } from '../../domain';
import { CUSTOMER_ID, companyCreated, ctx, fieldErrorsOf, given, rejectionOf } from '../../testing/customer.fixtures';
import type { CreateCompanyCustomer } from './create-company-customer.command';
import { decideCreateCompanyCustomer } from './create-company-customer.decide';

const create = (fields: Omit<CreateCompanyCustomer, 'type' | 'customerId'>): CreateCompanyCustomer => ({
  type: 'CreateCompanyCustomer',
  customerId: CUSTOMER_ID,
  ...fields,
});

/** Given no customer, when this company is created. */
const whenCreated = (fields: Omit<CreateCompanyCustomer, 'type' | 'customerId'>) => decideCreateCompanyCustomer(create(fields), initialState, ctx);

describe('CreateCompanyCustomer', () => {
  describe('given no customer', () => {
    it('records the company with every field normalised, a contact person included', () => {
      const events = decideCreateCompanyCustomer(
        create({
          companyName: ' Acme NV ',
          enterpriseNumber: '0403.019.261',
          vatNumber: 'be 0403 019 261',
          customerNumber: 'C-100',
          firstName: 'Jan',
          lastName: 'Janssens',
          email: 'billing@ACME.be',
          mobile: '0032 475 00 00 00',
          language: 'fr_fr',
          address: { line: 'Rue Royale 10', zip: '1000', city: 'Bruxelles', country: 'BE' },
        }),
        initialState,
        ctx,
      );
      expect(events).toEqual([
        {
          type: 'CompanyCustomerCreated',
          data: {
            customerId: CUSTOMER_ID,
            customerNumber: 'C-100',
            firstName: 'Jan',
            lastName: 'Janssens',
            email: 'billing@acme.be',
            mobile: '+32475000000',
            language: 'fr',
            address: 'Rue Royale 10',
            zip: '1000',
            city: 'Bruxelles',
            country: 'BE',
            companyName: 'Acme NV',
            enterpriseNumber: '0403019261',
            vatNumber: 'BE0403019261',
            createdAt: '2026-11-25T10:00:00.000Z',
          },
        },
      ]);
    });

    it('needs no more than a company name (no customer number, no names)', () => {
      const [event] = whenCreated({ companyName: 'Acme NV' });
      expect(event).toMatchObject({
        type: 'CompanyCustomerCreated',
        data: { companyName: 'Acme NV', customerNumber: null, firstName: null, enterpriseNumber: null, vatNumber: null, language: 'en' },
      });
      expect(evolve(initialState, event)).toMatchObject({ kind: 'company', status: 'active', companyName: 'Acme NV' });
    });

    it('rejects a company without a company name', () => {
      expect(fieldErrorsOf(() => whenCreated({ companyName: '  ', customerNumber: 'C-1' }))).toEqual([
        { field: 'companyName', code: 'REQUIRED' },
      ]);
    });

    it('normalises a Belgian number with a BE prefix and 9 digits', () => {
      const [event] = whenCreated({ companyName: 'Acme', enterpriseNumber: 'BE 428759497' });
      expect(event.data).toMatchObject({ enterpriseNumber: '0428759497' });
    });

    it('rejects a Belgian enterprise number with wrong check digits (country BE or BE prefix)', () => {
      const belgian = { line: null, zip: null, city: null, country: 'BE' };
      expect(fieldErrorsOf(() => whenCreated({ companyName: 'Acme', enterpriseNumber: '0431150351', address: belgian }))).toEqual([
        { field: 'enterpriseNumber', code: 'INVALID_CHECK_DIGITS' },
      ]);
      expect(fieldErrorsOf(() => whenCreated({ companyName: 'Acme', enterpriseNumber: 'BE0431150351' }))).toEqual([
        { field: 'enterpriseNumber', code: 'INVALID_CHECK_DIGITS' },
      ]);
    });

    it("only normalises another country's enterprise number", () => {
      const [event] = decideCreateCompanyCustomer(
        create({ companyName: 'Acme BV', enterpriseNumber: '6908 7265', address: { country: 'NL' } }),
        initialState,
        ctx,
      );
      expect(event.data).toMatchObject({ enterpriseNumber: '69087265', country: 'NL' });
    });

    it('rejects with every bad field at once', () => {
      expect(
        fieldErrorsOf(() =>
          whenCreated({ companyName: '', vatNumber: 'NL123456789B90', email: 'x', address: { zip: '1'.repeat(17) } }),
        ),
      ).toEqual([
        { field: 'zip', code: 'TOO_LONG' },
        { field: 'vatNumber', code: 'INVALID_CHECK_DIGITS' },
        { field: 'email', code: 'INVALID_FORMAT' },
        { field: 'companyName', code: 'REQUIRED' },
      ]);
    });
  });

  it('given a customer with this id, rejects the create as CUSTOMER.ALREADY_EXISTS', () => {
    expect(rejectionOf(() => decideCreateCompanyCustomer(create({ companyName: 'Other' }), given(companyCreated()), ctx))).toBeInstanceOf(
      CustomerAlreadyExistsError,
    );
  });
});
