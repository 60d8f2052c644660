import { normaliseEnterpriseNumber, parseEnterpriseNumber } from './enterprise-number';

describe('EnterpriseNumber', () => {
  it('keeps digits and letters only, upper case', () => {
    expect(normaliseEnterpriseNumber(' 0403.019.261 ')).toBe('0403019261');
    expect(normaliseEnterpriseNumber('be-0403/019 261')).toBe('BE0403019261');
  });

  describe('Belgian (BE prefix or country BE)', () => {
    it.each([
      ['0403019261', 'BE', '0403019261'],
      ['0403.019.261', 'BE', '0403019261'],
      ['BE 428759497', null, '0428759497'], // 9 digits get a leading 0; check digits 97
      ['be0428.759.497', 'NL', '0428759497'], // the prefix wins over the country
      ['428759497', 'BE', '0428759497'],
    ])('%s (country %s) -> %s', (raw, country, expected) => {
      expect(parseEnterpriseNumber(raw, country)).toEqual({ ok: true, value: expected });
    });

    it('refuses wrong check digits', () => {
      expect(parseEnterpriseNumber('0431150351', 'BE')).toMatchObject({ ok: false, error: { field: 'enterpriseNumber', code: 'INVALID_CHECK_DIGITS' } });
    });

    it.each(['2403019261', '04030192611', '04030192', 'BE0403A19261'])('refuses the shape of %s', (raw) => {
      expect(parseEnterpriseNumber(raw, 'BE')).toMatchObject({ ok: false, error: { code: 'INVALID_FORMAT' } });
    });

    it('refuses 00 as check digits even when the first eight digits are a multiple of 97', () => {
      expect(parseEnterpriseNumber('0000009700', 'BE')).toMatchObject({ ok: false, error: { code: 'INVALID_CHECK_DIGITS' } });
      expect(parseEnterpriseNumber('0000009797', 'BE')).toEqual({ ok: true, value: '0000009797' });
    });
  });

  describe('other countries: normalised only', () => {
    it.each([
      ['6908 7265', 'NL', '69087265'],
      ['0431150351', null, '0431150351'], // no country: not checked as Belgian
      ['hrb 12345', 'DE', 'HRB12345'],
    ])('%s (country %s) -> %s', (raw, country, expected) => {
      expect(parseEnterpriseNumber(raw, country)).toEqual({ ok: true, value: expected });
    });

    it('refuses a number with no digits or letters', () => {
      expect(parseEnterpriseNumber('./-', null)).toMatchObject({ ok: false, error: { code: 'INVALID_FORMAT' } });
    });

    it('refuses more than 35 characters', () => {
      expect(parseEnterpriseNumber('1'.repeat(36), 'DE')).toMatchObject({ ok: false, error: { code: 'TOO_LONG' } });
    });
  });
});
