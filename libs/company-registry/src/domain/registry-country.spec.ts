import { registryCountryOf } from './registry-country';

describe('registryCountryOf', () => {
  it.each([
    ['0403019261', 'be', 'BE'],
    ['69016374', 'NL', 'NL'],
    ['0403019261', 'FR', null], // a French company: no registry, whatever the number looks like
    ['BE0403019261', null, 'BE'],
    ['nl004495445b01', undefined, 'NL'],
    ['6901 6374', null, 'NL'],
    ['403.019.261', null, 'BE'],
    ['0403.019.261', null, 'BE'],
    ['HRB 12345', null, null],
  ])('%s with country %s -> %s', (number, country, expected) => {
    expect(registryCountryOf(number, country)).toBe(expected);
  });
});
