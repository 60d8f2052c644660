import { addressLanguageOrder, denominationLanguageCode, denominationLanguageOrder, formatKboAddress, type KboAddressRow, snapshotDateTime } from './kbo-selection';

const wetstraat: KboAddressRow = {
  street_nl: 'Wetstraat',
  street_fr: 'Rue de la Loi',
  municipality_nl: 'Brussel',
  municipality_fr: 'Bruxelles',
  zipcode: '1000',
  house_number: '16',
  box: null,
};

describe('KBO selection helpers', () => {
  it("maps the user's language to denomination.csv's numeric code, not code.csv's letters", () => {
    expect(denominationLanguageCode('fr')).toBe('1');
    expect(denominationLanguageCode('nl')).toBe('2');
    expect(denominationLanguageCode('de')).toBe('3');
    expect(denominationLanguageCode('en')).toBe('4');
  });

  it("prefers a name in the user's language, then unknown, then the address's language", () => {
    expect(denominationLanguageOrder('fr')).toEqual(['1', '0', '2']);
    expect(denominationLanguageOrder('nl')).toEqual(['2', '0', '1']);
    expect(denominationLanguageOrder('en')).toEqual(['4', '0', '2', '1']);
    expect(denominationLanguageOrder('de')).toEqual(['3', '0', '2', '1']);
  });

  it('shows addresses in French for fr and in Dutch first for every other language', () => {
    expect(addressLanguageOrder('fr')).toEqual(['fr', 'nl']);
    for (const language of ['nl', 'de', 'en'] as const) expect(addressLanguageOrder(language)).toEqual(['nl', 'fr']);
  });

  it('writes street, house number and municipality in the requested language', () => {
    expect(formatKboAddress(wetstraat, 'nl')).toEqual({ address: 'Wetstraat 16', zip: '1000', city: 'Brussel' });
    expect(formatKboAddress(wetstraat, 'fr')).toEqual({ address: 'Rue de la Loi 16', zip: '1000', city: 'Bruxelles' });
    expect(formatKboAddress(wetstraat, 'en')).toEqual({ address: 'Wetstraat 16', zip: '1000', city: 'Brussel' });
  });

  it('writes the box with the word of the language: bus in Dutch (and DE/EN), boîte in French', () => {
    const withBox = { ...wetstraat, box: '3' };
    expect(formatKboAddress(withBox, 'nl').address).toBe('Wetstraat 16 bus 3');
    expect(formatKboAddress(withBox, 'de').address).toBe('Wetstraat 16 bus 3');
    expect(formatKboAddress(withBox, 'fr').address).toBe('Rue de la Loi 16 boîte 3');
  });

  it('falls back to the other language when a name is missing in the requested one', () => {
    const dutchOnly = { ...wetstraat, street_fr: '', municipality_fr: null };
    expect(formatKboAddress(dutchOnly, 'fr')).toEqual({ address: 'Wetstraat 16', zip: '1000', city: 'Brussel' });
    const frenchOnly = { ...wetstraat, street_nl: null, municipality_nl: '  ' };
    expect(formatKboAddress(frenchOnly, 'nl')).toEqual({ address: 'Rue de la Loi 16', zip: '1000', city: 'Bruxelles' });
  });

  it('leaves out what the row does not give, and has no street line without a street', () => {
    expect(formatKboAddress({ ...wetstraat, house_number: null }, 'nl').address).toBe('Wetstraat');
    expect(formatKboAddress({ ...wetstraat, street_nl: null, street_fr: null }, 'nl')).toEqual({ address: null, zip: '1000', city: 'Brussel' });
    expect(formatKboAddress(null, 'nl')).toEqual({ address: null, zip: null, city: null });
  });

  it('gives the snapshot date as the start of that day in UTC', () => {
    expect(snapshotDateTime('2026-11-01')).toBe('2026-11-01T00:00:00.000Z');
  });
});
