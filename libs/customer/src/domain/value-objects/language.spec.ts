import { parseLanguage } from './language';

describe('Language', () => {
  it.each([
    ['nl', 'nl'],
    ['FR', 'fr'],
    ['nl_nl', 'nl'],
    ['fr_fr', 'fr'],
    ['nl-BE', 'nl'],
    ['de-CH-1901', 'de'],
    [' pt ', 'pt'],
    ['it', 'it'],
    ['es', 'es'],
    ['en', 'en'],
  ])('%s -> %s', (raw, expected) => {
    expect(parseLanguage(raw)).toEqual({ ok: true, value: expected });
  });

  it.each([undefined, null, '', '  '])('a missing language (%p) is en', (raw) => {
    expect(parseLanguage(raw)).toEqual({ ok: true, value: 'en' });
  });

  it.each(['pl', 'dutch', 'n', 'nl--', 'xx_nl'])('refuses %s', (raw) => {
    expect(parseLanguage(raw)).toMatchObject({ ok: false, error: { field: 'language', code: 'UNSUPPORTED_LANGUAGE' } });
  });
});
