import { ISO_3166_ALPHA_2 } from './country-codes';
import { parseCountry } from './country';

describe('Country', () => {
  it('knows the 249 officially assigned codes', () => {
    expect(ISO_3166_ALPHA_2.size).toBe(249);
  });

  it.each([
    ['BE', 'BE'],
    [' nl ', 'NL'],
    ['gb', 'GB'],
    ['AX', 'AX'],
  ])('%s -> %s', (raw, expected) => {
    expect(parseCountry(raw)).toEqual({ ok: true, value: expected });
  });

  it.each(['XK', 'UK', 'EU', 'ZZ'])('refuses %s: not an assigned code', (raw) => {
    expect(parseCountry(raw)).toMatchObject({ ok: false, error: { field: 'country', code: 'UNKNOWN_COUNTRY' } });
  });

  it.each(['BEL', 'B', 'Belgium', 'B1'])('refuses %s: not two letters', (raw) => {
    expect(parseCountry(raw)).toMatchObject({ ok: false, error: { field: 'country', code: 'INVALID_FORMAT' } });
  });
});
