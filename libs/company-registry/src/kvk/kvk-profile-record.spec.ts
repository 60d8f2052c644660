import type { KvkAdres, KvkBasisprofiel } from './kvk-api.types';
import { formatDutchPostcode, kvkAddressFields, kvkCompanyName, kvkProfileToRecord } from './kvk-profile-record';

const damrak: KvkAdres = {
  type: 'bezoekadres',
  indAfgeschermd: 'Nee',
  straatnaam: 'Damrak',
  huisnummer: 1,
  postcode: '1012LG',
  plaats: 'Amsterdam',
};

function profileWith(adressen: readonly KvkAdres[], names: Partial<KvkBasisprofiel> = { naam: 'Bakkerij De Molen' }): KvkBasisprofiel {
  return { kvkNummer: '12345678', ...names, _embedded: { hoofdvestiging: { vestigingsnummer: '000012345678', adressen } } };
}

describe('kvkProfileToRecord', () => {
  it('gives a Dutch record with the KvK number, no VAT number, source kvk and the retrieval time', () => {
    const record = kvkProfileToRecord(profileWith([damrak], { statutaireNaam: 'De Molen B.V.', naam: 'Bakkerij De Molen' }), new Date('2026-03-01T10:00:00Z'));
    expect(record).toEqual({
      country: 'NL',
      enterpriseNumber: '12345678',
      vatNumber: null,
      companyName: 'De Molen B.V.',
      address: 'Damrak 1',
      zip: '1012 LG',
      city: 'Amsterdam',
      source: 'kvk',
      retrievedAt: '2026-03-01T10:00:00.000Z',
    });
  });
});

describe('kvkCompanyName', () => {
  it('prefers the statutory name', () => {
    expect(kvkCompanyName(profileWith([], { statutaireNaam: 'De Molen B.V.', naam: 'Bakkerij De Molen' }))).toBe('De Molen B.V.');
  });

  it('takes the name when there is no statutory name (a sole trader)', () => {
    expect(kvkCompanyName(profileWith([], { naam: '  Bakkerij   De Molen ' }))).toBe('Bakkerij De Molen');
    expect(kvkCompanyName(profileWith([], { statutaireNaam: ' ', naam: 'Bakkerij De Molen' }))).toBe('Bakkerij De Molen');
  });

  it('falls back to the first trade name by order, else null', () => {
    const handelsnamen = [
      { naam: 'Tweede', volgorde: 2 },
      { naam: 'Eerste', volgorde: 1 },
    ];
    expect(kvkCompanyName(profileWith([], { handelsnamen }))).toBe('Eerste');
    expect(kvkCompanyName(profileWith([], {}))).toBeNull();
  });
});

describe('kvkAddressFields', () => {
  it('writes street, house number, letter and addition as "Kerkstraat 12A-3"', () => {
    const adres: KvkAdres = { ...damrak, straatnaam: 'Kerkstraat', huisnummer: 12, huisletter: 'A', huisnummerToevoeging: '3' };
    expect(kvkAddressFields(profileWith([adres])).address).toBe('Kerkstraat 12A-3');
  });

  it('leaves out a missing letter or addition', () => {
    expect(kvkAddressFields(profileWith([{ ...damrak, huisletter: 'b' }])).address).toBe('Damrak 1b');
    expect(kvkAddressFields(profileWith([{ ...damrak, huisnummerToevoeging: 'bis' }])).address).toBe('Damrak 1-bis');
    expect(kvkAddressFields(profileWith([{ ...damrak, huisnummer: undefined }])).address).toBe('Damrak');
  });

  it('writes a PO box as "Postbus 123"', () => {
    const postbus: KvkAdres = { type: 'correspondentieadres', postbusnummer: 123, postcode: '3500AA', plaats: 'Utrecht' };
    expect(kvkAddressFields(profileWith([postbus]))).toEqual({ address: 'Postbus 123', zip: '3500 AA', city: 'Utrecht' });
  });

  it('uses the visiting address over the correspondence address, whatever their order', () => {
    const post: KvkAdres = { type: 'correspondentieadres', straatnaam: 'Postweg', huisnummer: 9, postcode: '3511AB', plaats: 'Utrecht' };
    expect(kvkAddressFields(profileWith([post, damrak]))).toEqual({ address: 'Damrak 1', zip: '1012 LG', city: 'Amsterdam' });
  });

  it('falls back to the correspondence address when there is no visiting address', () => {
    const post: KvkAdres = { type: 'correspondentieadres', straatnaam: 'Postweg', huisnummer: 9, postcode: '3511 ab', plaats: 'Utrecht' };
    expect(kvkAddressFields(profileWith([post]))).toEqual({ address: 'Postweg 9', zip: '3511 AB', city: 'Utrecht' });
  });

  it('never gives a shielded address, nor the correspondence address in its place', () => {
    const shielded: KvkAdres = { ...damrak, indAfgeschermd: 'Ja' };
    const post: KvkAdres = { type: 'correspondentieadres', straatnaam: 'Postweg', huisnummer: 9, postcode: '3511AB', plaats: 'Utrecht' };
    const none = { address: null, zip: null, city: null };
    expect(kvkAddressFields(profileWith([shielded]))).toEqual(none);
    expect(kvkAddressFields(profileWith([shielded, post]))).toEqual(none);
    expect(kvkAddressFields(profileWith([{ ...post, indAfgeschermd: 'Ja' }]))).toEqual(none);
    expect(kvkProfileToRecord(profileWith([shielded]), new Date())).toMatchObject(none);
  });

  it('gives no address when the main establishment has none', () => {
    expect(kvkAddressFields({ kvkNummer: '12345678', naam: 'X' })).toEqual({ address: null, zip: null, city: null });
    expect(kvkAddressFields(profileWith([]))).toEqual({ address: null, zip: null, city: null });
  });
});

describe('formatDutchPostcode', () => {
  it('writes a Dutch postcode as "1234 AB"', () => {
    expect(formatDutchPostcode('1012LG')).toBe('1012 LG');
    expect(formatDutchPostcode(' 1012 lg ')).toBe('1012 LG');
  });

  it('keeps a foreign postcode as written and gives null for none', () => {
    expect(formatDutchPostcode('B-1000')).toBe('B-1000');
    expect(formatDutchPostcode('')).toBeNull();
    expect(formatDutchPostcode(undefined)).toBeNull();
  });
});
