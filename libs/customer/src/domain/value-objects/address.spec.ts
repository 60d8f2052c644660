import { hasAddress, NO_ADDRESS, parseAddress, toAddressFields } from './address';

describe('Address', () => {
  it('parses and normalises every part', () => {
    expect(parseAddress({ line: ' Kerkstraat 1 ', zip: '9000', city: 'Gent', country: 'be' })).toEqual({
      ok: true,
      value: { line: 'Kerkstraat 1', zip: '9000', city: 'Gent', country: 'BE' },
    });
  });

  it('leaves missing or blank parts empty', () => {
    expect(parseAddress({ city: 'Gent', zip: ' ' })).toEqual({ ok: true, value: { line: null, zip: null, city: 'Gent', country: null } });
  });

  it('is no address when every part is empty', () => {
    expect(parseAddress({ line: '', zip: null })).toEqual({ ok: true, value: null });
  });

  it('reports every bad part at once: line 70, zip 16, city 35, a real country', () => {
    const result = parseAddress({ line: 'x'.repeat(71), zip: '1'.repeat(17), city: 'y'.repeat(36), country: 'XX' });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors.map(({ field, code }) => [field, code])).toEqual([
      ['address', 'TOO_LONG'],
      ['zip', 'TOO_LONG'],
      ['city', 'TOO_LONG'],
      ['country', 'UNKNOWN_COUNTRY'],
    ]);
  });

  it('accepts the maximum lengths', () => {
    expect(parseAddress({ line: 'x'.repeat(70), zip: '1'.repeat(16), city: 'y'.repeat(35) })).toMatchObject({ ok: true });
  });

  it('maps to the flat fields of state and events', () => {
    expect(toAddressFields({ line: 'Kerkstraat 1', zip: '9000', city: 'Gent', country: 'BE' })).toEqual({
      address: 'Kerkstraat 1',
      zip: '9000',
      city: 'Gent',
      country: 'BE',
    });
    expect(toAddressFields(null)).toEqual(NO_ADDRESS);
    expect(hasAddress(NO_ADDRESS)).toBe(false);
    expect(hasAddress({ ...NO_ADDRESS, country: 'BE' })).toBe(true);
  });
});
