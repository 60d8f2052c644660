import { archived, companyCreated, CUSTOMER_ID, personCreated } from '../testing/customer.fixtures';
import { type CustomerEvent, PERSONAL_FIELDS, personalFieldsOf } from './customer.events';

describe('personal fields of customer events', () => {
  it('are the names, e-mail, mobile and address line, zip and city', () => {
    expect(personalFieldsOf(personCreated())).toEqual(['firstName', 'lastName', 'email', 'mobile', 'address', 'zip', 'city']);
  });

  it('never include company name, enterprise, VAT or customer number, language or country', () => {
    const declared = Object.values(PERSONAL_FIELDS).flat() as string[];
    for (const field of ['companyName', 'enterpriseNumber', 'vatNumber', 'customerNumber', 'language', 'country']) {
      expect(declared).not.toContain(field);
    }
  });

  it('list only the personal fields an event carries with a value, so there is nothing to seal otherwise', () => {
    expect(personalFieldsOf(companyCreated({ firstName: null, lastName: null, mobile: null }))).toEqual(['email', 'address', 'zip', 'city']);
    const change: CustomerEvent = {
      type: 'CustomerDetailsChanged',
      data: { customerId: CUSTOMER_ID, email: { from: 'a@b.be', to: null }, companyName: { from: 'A', to: 'B' } },
    };
    expect(personalFieldsOf(change)).toEqual(['email']);
    const enriched: CustomerEvent = {
      type: 'CompanyEnriched',
      data: { customerId: CUSTOMER_ID, source: 'kbo', zip: { from: null, to: '2000' }, vatNumber: { from: null, to: 'BE0428759497' } },
    };
    expect(personalFieldsOf(enriched)).toEqual(['zip']);
    expect(personalFieldsOf(archived())).toEqual([]);
  });
});
