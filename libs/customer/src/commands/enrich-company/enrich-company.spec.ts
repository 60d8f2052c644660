import { CustomerArchivedError, type CustomerEvent, CustomerForgottenError, CustomerNotACompanyError, CustomerNotFoundError } from '../../domain';
import { archived, CUSTOMER_ID, companyCreated, ctx, fieldErrorsOf, forgotten, given, personCreated, rejectionOf } from '../../testing/customer.fixtures';
import type { CompanySuggestion } from './enrich-company.command';
import { decideEnrichCompany } from './enrich-company.decide';

const when = (suggestion: CompanySuggestion, overwrite: boolean, ...history: CustomerEvent[]) =>
  decideEnrichCompany({ type: 'EnrichCompany', customerId: CUSTOMER_ID, suggestion, overwrite }, given(...history), ctx);

const enriched = (changes: object): CustomerEvent =>
  ({ type: 'CompanyEnriched', data: { customerId: CUSTOMER_ID, source: 'kbo', ...changes } }) as CustomerEvent;

/** What the Belgian registry says about enterprise 0428759497. */
const kbo: CompanySuggestion = {
  source: 'kbo',
  companyName: 'Globex NV',
  address: 'Meir 1',
  zip: '2000',
  city: 'Antwerpen',
  country: 'BE',
  vatNumber: 'BE 0428.759.497',
};

/** A company known by name only. */
const bareCompany = () =>
  companyCreated({ companyName: 'globex', enterpriseNumber: '0428759497', vatNumber: null, address: null, zip: null, city: null, country: null });

describe('EnrichCompany', () => {
  describe('without overwrite', () => {
    it('fills the empty fields, recording each old and new value', () => {
      const history = [bareCompany()];
      const events = when(kbo, false, ...history);
      expect(events).toEqual([
        enriched({
          vatNumber: { from: null, to: 'BE0428759497' },
          address: { from: null, to: 'Meir 1' },
          zip: { from: null, to: '2000' },
          city: { from: null, to: 'Antwerpen' },
          country: { from: null, to: 'BE' },
        }),
      ]);
      expect(given(...history, ...events)).toMatchObject({ companyName: 'globex', vatNumber: 'BE0428759497', address: 'Meir 1', country: 'BE' });
    });

    it('keeps every filled field, the name included (a company always has one): nothing to record', () => {
      expect(when(kbo, false, companyCreated())).toEqual([]);
    });

    it('treats the address as one field: any part filled keeps the whole address', () => {
      expect(when({ source: 'kbo', address: 'Meir 1', zip: '2000', city: 'Antwerpen' }, false, bareCompany(), ...cityOnly())).toEqual([]);
    });
  });

  describe('with overwrite', () => {
    it('replaces the fields that differ and leaves equal ones out', () => {
      expect(when({ ...kbo, address: 'Rue Royale 10', zip: '1000', city: 'Brussel' }, true, companyCreated())).toEqual([
        enriched({
          companyName: { from: 'Acme NV', to: 'Globex NV' },
          vatNumber: { from: 'BE0403019261', to: 'BE0428759497' },
          city: { from: 'Bruxelles', to: 'Brussel' },
        }),
      ]);
    });

    it('records nothing when the suggestion matches the company', () => {
      const same = {
        source: 'vies',
        companyName: 'Acme NV',
        address: 'Rue Royale 10',
        zip: '1000',
        city: 'Bruxelles',
        country: 'be',
        vatNumber: 'BE0403019261',
      };
      expect(when(same, true, companyCreated())).toEqual([]);
    });

    it('replaces the address as a whole: parts the registry does not give become empty', () => {
      expect(when({ source: 'kbo', address: 'Meir 1', city: 'Antwerpen' }, true, companyCreated())).toEqual([
        enriched({
          address: { from: 'Rue Royale 10', to: 'Meir 1' },
          zip: { from: '1000', to: null },
          city: { from: 'Bruxelles', to: 'Antwerpen' },
          country: { from: 'BE', to: null },
        }),
      ]);
    });
  });

  it('never clears a field: missing or blank suggested values are no suggestion', () => {
    expect(when({ source: 'kbo', companyName: ' ', vatNumber: null, address: '', zip: undefined }, true, companyCreated())).toEqual([]);
  });

  it('records the source as given (trimmed)', () => {
    expect(when({ source: ' kvk ', vatNumber: 'NL004495445B01' }, false, bareCompany())).toEqual([
      { type: 'CompanyEnriched', data: { customerId: CUSTOMER_ID, source: 'kvk', vatNumber: { from: null, to: 'NL004495445B01' } } },
    ]);
  });

  it("takes a VAT number's missing prefix from the suggested country, else the company's", () => {
    expect(when({ source: 'kbo', vatNumber: '0428759497', country: 'BE' }, false, bareCompany())).toContainEqual(
      expect.objectContaining({ data: expect.objectContaining({ vatNumber: { from: null, to: 'BE0428759497' } }) }),
    );
    expect(when({ source: 'kbo', vatNumber: '0428759497' }, false, companyCreated({ vatNumber: null }))).toEqual([
      enriched({ vatNumber: { from: null, to: 'BE0428759497' } }),
    ]);
  });

  it('rejects invalid suggested values and a missing source, every one at once', () => {
    const invalid = { source: ' ', vatNumber: 'BE0431150351', zip: '1'.repeat(17), companyName: 'x'.repeat(141) };
    expect(fieldErrorsOf(() => when(invalid, true, companyCreated()))).toEqual([
      { field: 'source', code: 'REQUIRED' },
      { field: 'zip', code: 'TOO_LONG' },
      { field: 'companyName', code: 'TOO_LONG' },
      { field: 'vatNumber', code: 'INVALID_CHECK_DIGITS' },
    ]);
    expect(fieldErrorsOf(() => when({ source: 'x'.repeat(65) }, true, companyCreated()))).toEqual([{ field: 'source', code: 'TOO_LONG' }]);
  });

  describe('rejections', () => {
    it('rejects a person as CUSTOMER.NOT_A_COMPANY (409)', () => {
      const error = rejectionOf(() => when(kbo, true, personCreated()));
      expect(error).toBeInstanceOf(CustomerNotACompanyError);
      expect(error).toMatchObject({ code: 'CUSTOMER.NOT_A_COMPANY', status: 409, details: { customerId: CUSTOMER_ID } });
    });

    it.each([
      ['no customer', [], CustomerNotFoundError],
      ['an archived company', [companyCreated(), archived()], CustomerArchivedError],
      ['a forgotten company', [companyCreated(), forgotten()], CustomerForgottenError],
    ])('rejects %s', (_label, history, errorClass) => {
      expect(rejectionOf(() => when(kbo, true, ...history))).toBeInstanceOf(errorClass);
    });
  });
});

/** The company's address has only a city. */
function cityOnly(): CustomerEvent[] {
  return [{ type: 'CustomerDetailsChanged', data: { customerId: CUSTOMER_ID, city: { from: null, to: 'Gent' } } }];
}
