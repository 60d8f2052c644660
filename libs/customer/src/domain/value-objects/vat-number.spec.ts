import { parseVatNumber } from './vat-number';

describe('VatNumber', () => {
  it.each([
    ['be 0403.019.261', null, 'BE0403019261'],
    ['BE428759497', null, 'BE0428759497'],
    ['0403019261', 'BE', 'BE0403019261'], // the customer's country supplies the prefix
    ['NL004495445B01', null, 'NL004495445B01'], // eleven-proof
    ['nl 0024.55799.b11', null, 'NL002455799B11'], // mod 97 (numbers since 2020)
    ['FR40303265045', null, 'FR40303265045'],
    ['el 094014201', null, 'EL094014201'],
    ['094014201', 'GR', 'EL094014201'], // Greece's VAT prefix is EL
    ['GR094014201', null, 'EL094014201'],
    ['ATU13585627', 'BE', 'ATU13585627'],
  ])('%s (country %s) -> %s', (raw, country, expected) => {
    expect(parseVatNumber(raw, country)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['BE0431150351', null, 'INVALID_CHECK_DIGITS'],
    ['BE2403019261', null, 'INVALID_FORMAT'],
    ['NL123456789B90', null, 'INVALID_CHECK_DIGITS'],
    ['NL004495445B00', null, 'INVALID_FORMAT'],
    ['NL004495445', null, 'INVALID_FORMAT'],
    ['0403019261', null, 'INVALID_FORMAT'], // no prefix, no country
    ['QQ123456789', null, 'UNKNOWN_COUNTRY'],
    ['DE1', null, 'INVALID_FORMAT'],
    ['DE12345678901234', null, 'INVALID_FORMAT'],
  ])('refuses %s (country %s): %s', (raw, country, code) => {
    expect(parseVatNumber(raw, country)).toMatchObject({ ok: false, error: { field: 'vatNumber', code } });
  });
});
