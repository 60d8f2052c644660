import type { CompanyRecord } from '@cm/company-registry';
import { fieldErrorsOf } from '../../testing/customer.fixtures';
import type { WireFields } from '../http/customer-commands.mapping';
import { prefillCompany, prefillNumber } from './company-prefill';

const acme: CompanyRecord = {
  country: 'BE',
  enterpriseNumber: '0403019261',
  vatNumber: 'BE0403019261',
  companyName: 'Acme NV',
  address: 'Rue Royale 10',
  zip: '1000',
  city: 'Bruxelles',
  source: 'kbo',
  retrievedAt: '2026-11-01T00:00:00.000Z',
};

describe('prefillCompany', () => {
  it('fills every company field the request leaves empty and makes it a company', () => {
    expect(prefillCompany({ enterpriseNumber: '0403.019.261', email: 'ap@acme.be' }, acme)).toEqual({
      type: 'company',
      enterpriseNumber: '0403.019.261',
      email: 'ap@acme.be',
      companyName: 'Acme NV',
      vatNumber: 'BE0403019261',
      address: { line: 'Rue Royale 10', zip: '1000', city: 'Bruxelles', country: 'BE' },
    });
  });

  it('keeps what the caller sent, field by field; blank counts as not sent', () => {
    const sent: WireFields = { enterpriseNumber: '0403019261', companyName: 'ACME (billing)', vatNumber: ' ' };
    expect(prefillCompany(sent, acme)).toMatchObject({ companyName: 'ACME (billing)', vatNumber: 'BE0403019261' });
  });

  it("keeps the caller's address whole when any street part was sent, adding only a missing country", () => {
    const sent: WireFields = { enterpriseNumber: '0403019261', address: { line: 'Kerkstraat 1', zip: null, city: undefined, country: null } };
    expect(prefillCompany(sent, acme).address).toEqual({ line: 'Kerkstraat 1', zip: null, city: undefined, country: 'BE' });
  });

  it("takes the registry's address under the caller's country when only a country was sent", () => {
    const sent: WireFields = { enterpriseNumber: '0403019261', address: { country: 'be' } };
    expect(prefillCompany(sent, acme).address).toEqual({ line: 'Rue Royale 10', zip: '1000', city: 'Bruxelles', country: 'be' });
  });

  it('leaves the address alone when the registry has none (a shielded Dutch address)', () => {
    const shielded = { ...acme, country: 'NL' as const, address: null, zip: null, city: null };
    expect(prefillCompany({ enterpriseNumber: '69016374' }, shielded).address).toEqual({ country: 'NL' });
  });
});

describe('prefillNumber', () => {
  it('is the enterprise number to look up', () => {
    expect(prefillNumber({ enterpriseNumber: '0403019261' })).toBe('0403019261');
  });

  it('refuses a request without one, and a person', () => {
    expect(fieldErrorsOf(() => prefillNumber({ companyName: 'Acme' }))).toEqual([{ field: 'enterpriseNumber', code: 'REQUIRED' }]);
    expect(fieldErrorsOf(() => prefillNumber({ type: 'person', enterpriseNumber: '0403019261' }))).toEqual([
      { field: 'enterpriseNumber', code: 'COMPANY_ONLY' },
    ]);
  });
});
