import { InvalidRegistryNumberError } from './registry.errors';
import { formatBelgianEnterpriseNumber, parseRegistryNumber } from './registry-number';

const reasonOf = (country: string, raw: string) => {
  try {
    parseRegistryNumber(country, raw);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidRegistryNumberError);
    return (error as InvalidRegistryNumberError).details;
  }
  throw new Error(`${raw} was accepted`);
};

describe('parseRegistryNumber', () => {
  describe('Belgium', () => {
    it.each([
      ['0403019261', '0403019261'],
      ['0403.019.261', '0403019261'],
      ['BE 0403 019 261', '0403019261'],
      ['be0403-019/261', '0403019261'],
      ['BE 428759497', '0428759497'], // 9 digits get a leading 0; check digits 97
      ['428759497', '0428759497'],
    ])('accepts %s as enterprise %s, VAT BE + the same digits', (raw, digits) => {
      expect(parseRegistryNumber('BE', raw)).toEqual({ country: 'BE', kind: 'enterprise', enterpriseNumber: digits, vatNumber: `BE${digits}` });
    });

    it('takes the country case-insensitively', () => {
      expect(parseRegistryNumber(' be ', '0403019261')).toMatchObject({ enterpriseNumber: '0403019261' });
    });

    it.each([
      ['0431150351', 'CHECKSUM'],
      ['0403019200', 'CHECKSUM'],
      ['04030192', 'LENGTH'],
      ['040301926100', 'LENGTH'],
      ['2123456789', 'FORMAT'], // establishment unit numbers start with 2-8
      ['04O3019261', 'FORMAT'],
      ['NL0403019261', 'COUNTRY'],
    ])('refuses %s (%s), naming the number', (raw, reason) => {
      expect(reasonOf('BE', raw)).toEqual({ number: raw, country: 'BE', reason });
    });
  });

  describe('the Netherlands', () => {
    it('accepts an 8-digit KvK number', () => {
      expect(parseRegistryNumber('NL', '6901 6374')).toEqual({ country: 'NL', kind: 'kvk', enterpriseNumber: '69016374' });
    });

    it.each([
      ['NL004495445B01', 'NL004495445B01'], // 11-proof
      ['nl 0024.55799.B11', 'NL002455799B11'], // mod 97-10
    ])('accepts the VAT number %s', (raw, vat) => {
      expect(parseRegistryNumber('NL', raw)).toEqual({ country: 'NL', kind: 'vat', vatNumber: vat });
    });

    it.each([
      ['1234567', 'LENGTH'],
      ['123456789', 'LENGTH'],
      ['1234567X', 'FORMAT'],
      ['NL123456789B90', 'CHECKSUM'],
      ['NL004495445B00', 'FORMAT'],
      ['NL004495445B0', 'LENGTH'],
      ['BE0403019261', 'COUNTRY'],
    ])('refuses %s (%s)', (raw, reason) => {
      expect(reasonOf('NL', raw)).toMatchObject({ country: 'NL', reason });
    });
  });

  it('refuses countries without a registry', () => {
    expect(reasonOf('fr', '123456789')).toEqual({ number: '123456789', country: 'FR', reason: 'COUNTRY' });
  });

  it('formats a Belgian number as the KBO files write it', () => {
    expect(formatBelgianEnterpriseNumber('0403019261')).toBe('0403.019.261');
  });
});
