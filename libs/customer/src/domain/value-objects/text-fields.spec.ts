import { parseCompanyName } from './company-name';
import { parseCustomerNumber } from './customer-number';
import { parsePersonName } from './person-name';

describe('CustomerNumber, PersonName, CompanyName', () => {
  it('trim and keep the text otherwise', () => {
    expect(parseCustomerNumber('  C-001 ')).toEqual({ ok: true, value: 'C-001' });
    expect(parsePersonName('firstName', ' Zoë ')).toEqual({ ok: true, value: 'Zoë' });
    expect(parseCompanyName(' Acme NV ')).toEqual({ ok: true, value: 'Acme NV' });
  });

  it('normalise to NFC, so the same name is always the same string', () => {
    expect(parsePersonName('lastName', 'Zoe\u0308')).toEqual({ ok: true, value: 'Zo\u00eb' });
  });

  it.each([
    ['customer number', (raw: string) => parseCustomerNumber(raw), 35, 'customerNumber'],
    ['first name', (raw: string) => parsePersonName('firstName', raw), 140, 'firstName'],
    ['last name', (raw: string) => parsePersonName('lastName', raw), 140, 'lastName'],
    ['company name', (raw: string) => parseCompanyName(raw), 140, 'companyName'],
  ])('%s: at most %#2 characters', (_label, parse, max, field) => {
    expect(parse('x'.repeat(max))).toMatchObject({ ok: true });
    expect(parse('é'.repeat(max))).toMatchObject({ ok: true });
    expect(parse('x'.repeat(max + 1))).toMatchObject({ ok: false, error: { field, code: 'TOO_LONG' } });
  });

  it('counts characters, not UTF-16 units', () => {
    expect(parseCustomerNumber('😀'.repeat(35))).toMatchObject({ ok: true });
  });

  it('refuses empty text and control characters', () => {
    expect(parseCustomerNumber('   ')).toMatchObject({ ok: false, error: { code: 'REQUIRED' } });
    expect(parseCompanyName('Acme\nNV')).toMatchObject({ ok: false, error: { field: 'companyName', code: 'INVALID_FORMAT' } });
  });
});
