import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from '../../../../../test/setup/test-database';
import type { RegistryLanguage } from '../../domain/company-record';
import { formatBelgianEnterpriseNumber, parseRegistryNumber } from '../../domain/registry-number';
import { companyRegistryMigrations } from '../../migrations';
import { KboCompanySource } from './kbo-company-source';

/** A valid Belgian enterprise number from its first eight digits (check digits: 97 - n mod 97). */
const enterpriseNumber = (first8: string): string => `${first8}${String(97 - (Number(first8) % 97)).padStart(2, '0')}`;

const BREWERY = enterpriseNumber('04030192'); // legal person, names in NL and FR
const UNKNOWN_LANGUAGE = enterpriseNumber('04111111'); // legal name in language 0 and in FR
const ABBREVIATED = enterpriseNumber('04222222'); // an abbreviation, no legal name
const BAKER = enterpriseNumber('07333333'); // natural person: establishment units only
const MOVED = enterpriseNumber('04444444'); // a struck-off seat and the current one
const GONE = enterpriseNumber('04555555'); // only a struck-off seat
const NOT_LOADED = enterpriseNumber('04666666');

const be = (digits: string) => parseRegistryNumber('BE', digits);

describe('KboCompanySource', () => {
  let t: TestDatabase;
  let source: KboCompanySource;

  const lookup = (digits: string, language: RegistryLanguage = 'nl') => source.lookup(be(digits), { language });
  const company = async (digits: string, language: RegistryLanguage = 'nl') => {
    const answer = await lookup(digits, language);
    if (answer.status !== 'found') throw new Error(`expected ${digits} to be found, got ${JSON.stringify(answer)}`);
    return answer.company;
  };

  async function enterprise(digits: string, type: '1' | '2'): Promise<void> {
    await sql`INSERT INTO kbo.enterprise (enterprise_number, status, juridical_situation, type_of_enterprise, juridical_form, start_date)
              VALUES (${formatBelgianEnterpriseNumber(digits)}, 'AC', '000', ${type}, ${type === '2' ? '014' : null}, '2001-01-01')`.execute(t.database.db);
  }
  async function denomination(entity: string, language: string, type: string, name: string): Promise<void> {
    await sql`INSERT INTO kbo.denomination (entity_number, language, type_of_denomination, denomination)
              VALUES (${entity}, ${language}, ${type}, ${name})`.execute(t.database.db);
  }
  async function address(entity: string, type: 'REGO' | 'BAET', fields: Record<string, string | null>): Promise<void> {
    const row: Record<string, string | null> = { country_nl: null, country_fr: null, box: null, date_striking_off: null, ...fields };
    await sql`INSERT INTO kbo.address (entity_number, type_of_address, country_nl, country_fr, zipcode, municipality_nl, municipality_fr,
                street_nl, street_fr, house_number, box, extra_address_info, date_striking_off)
              VALUES (${entity}, ${type}, ${row.country_nl}, ${row.country_fr}, ${row.zipcode}, ${row.municipality_nl}, ${row.municipality_fr},
                ${row.street_nl}, ${row.street_fr}, ${row.house_number}, ${row.box}, null, ${row.date_striking_off}::date)`.execute(t.database.db);
  }
  async function establishment(number: string, of: string): Promise<void> {
    await sql`INSERT INTO kbo.establishment (establishment_number, start_date, enterprise_number)
              VALUES (${number}, '2010-05-01', ${formatBelgianEnterpriseNumber(of)})`.execute(t.database.db);
  }

  beforeAll(async () => {
    t = await createTestDatabase(companyRegistryMigrations);
    source = new KboCompanySource(t.database.db);
    await sql`INSERT INTO kbo.extracts (extract_number, extract_type, snapshot_date) VALUES (140, 'full', '2026-10-01'), (141, 'update', '2026-11-01')`.execute(
      t.database.db,
    );

    await enterprise(BREWERY, '2');
    const brewery = formatBelgianEnterpriseNumber(BREWERY);
    await denomination(brewery, '2', '001', 'Brouwerij Het Anker');
    await denomination(brewery, '1', '001', "Brasserie L'Ancre");
    await denomination(brewery, '2', '002', 'BHA');
    await denomination(brewery, '1', '003', 'Gouden Carolus');
    await address(brewery, 'REGO', {
      zipcode: '2800',
      municipality_nl: 'Mechelen',
      municipality_fr: 'Malines',
      street_nl: 'Guido Gezellelaan',
      street_fr: 'Avenue Guido Gezelle',
      house_number: '49',
      box: '2B',
    });

    await enterprise(UNKNOWN_LANGUAGE, '2');
    await denomination(formatBelgianEnterpriseNumber(UNKNOWN_LANGUAGE), '1', '001', 'Acme SA');
    await denomination(formatBelgianEnterpriseNumber(UNKNOWN_LANGUAGE), '0', '001', 'Acme');

    await enterprise(ABBREVIATED, '2');
    await denomination(formatBelgianEnterpriseNumber(ABBREVIATED), '2', '002', 'VZW ABC');

    await enterprise(BAKER, '1');
    await establishment('2.100.000.001', BAKER); // lowest number, but its only address is struck off
    await establishment('2.200.000.002', BAKER);
    await establishment('2.300.000.003', BAKER);
    await address('2.100.000.001', 'BAET', { zipcode: '9000', municipality_nl: 'Gent', municipality_fr: 'Gand', street_nl: 'Oude straat', street_fr: '', house_number: '1', date_striking_off: '2019-03-31' });
    await address('2.300.000.003', 'BAET', { zipcode: '8000', municipality_nl: 'Brugge', municipality_fr: 'Bruges', street_nl: 'Markt', street_fr: '', house_number: '3' });
    await address('2.200.000.002', 'BAET', { zipcode: '9000', municipality_nl: 'Gent', municipality_fr: 'Gand', street_nl: 'Veldstraat', street_fr: '', house_number: '12', box: '1' });
    await denomination('2.200.000.002', '2', '003', 'Bakkerij Peeters');

    await enterprise(MOVED, '2');
    const moved = formatBelgianEnterpriseNumber(MOVED);
    await denomination(moved, '2', '001', 'Verhuisd');
    await address(moved, 'REGO', { zipcode: '1000', municipality_nl: 'Brussel', municipality_fr: 'Bruxelles', street_nl: 'Oude Wetstraat', street_fr: 'Vieille rue de la Loi', house_number: '1', date_striking_off: '2024-06-30' });
    await address(moved, 'REGO', { zipcode: '3000', municipality_nl: 'Leuven', municipality_fr: 'Louvain', street_nl: 'Bondgenotenlaan', street_fr: 'Boulevard des Alliés', house_number: '100' });

    await enterprise(GONE, '2');
    await denomination(formatBelgianEnterpriseNumber(GONE), '2', '001', 'Zonder zetel');
    await address(formatBelgianEnterpriseNumber(GONE), 'REGO', { zipcode: '1000', municipality_nl: 'Brussel', municipality_fr: 'Bruxelles', street_nl: 'Wetstraat', street_fr: 'Rue de la Loi', house_number: '2', date_striking_off: '2020-01-01' });
  });
  afterAll(() => t.drop());

  it('answers a legal person with its legal name and registered seat, dated by the latest extract', async () => {
    expect(await lookup(BREWERY)).toEqual({
      status: 'found',
      company: {
        country: 'BE',
        enterpriseNumber: BREWERY,
        vatNumber: `BE${BREWERY}`,
        companyName: 'Brouwerij Het Anker',
        address: 'Guido Gezellelaan 49 bus 2B',
        zip: '2800',
        city: 'Mechelen',
        source: 'kbo',
        retrievedAt: '2026-11-01T00:00:00.000Z',
      },
    });
  });

  it('gives the legal name and the address in French for fr, with "boîte" for the box', async () => {
    expect(await company(BREWERY, 'fr')).toMatchObject({
      companyName: "Brasserie L'Ancre",
      address: 'Avenue Guido Gezelle 49 boîte 2B',
      zip: '2800',
      city: 'Malines',
    });
  });

  it("falls back from the requested language to the unknown language (0), then to the address's language", async () => {
    expect((await company(UNKNOWN_LANGUAGE, 'nl')).companyName).toBe('Acme');
    expect((await company(UNKNOWN_LANGUAGE, 'fr')).companyName).toBe('Acme SA');
    // No German name and none in language 0: Dutch, like the address shown with it.
    expect((await company(BREWERY, 'de')).companyName).toBe('Brouwerij Het Anker');
    expect(await company(BREWERY, 'de')).toMatchObject({ address: 'Guido Gezellelaan 49 bus 2B', city: 'Mechelen' });
  });

  it('takes the legal name only: an abbreviation or commercial name is not the official name', async () => {
    expect((await company(BREWERY, 'fr')).companyName).toBe("Brasserie L'Ancre"); // not its French commercial name
    expect(await company(ABBREVIATED)).toMatchObject({ enterpriseNumber: ABBREVIATED, companyName: null, address: null, zip: null, city: null });
  });

  it('gives a natural person the address of its lowest-numbered establishment unit that has one in force', async () => {
    expect(await company(BAKER)).toMatchObject({ companyName: null, address: 'Veldstraat 12 bus 1', zip: '9000', city: 'Gent' });
    expect(await company(BAKER, 'fr')).toMatchObject({ address: 'Veldstraat 12 boîte 1', zip: '9000', city: 'Gand' });
  });

  it('ignores a registered seat that is struck off', async () => {
    expect(await company(MOVED)).toMatchObject({ companyName: 'Verhuisd', address: 'Bondgenotenlaan 100', zip: '3000', city: 'Leuven' });
    expect(await company(GONE)).toMatchObject({ companyName: 'Zonder zetel', address: null, zip: null, city: null });
  });

  it('does not know a valid number that is not in the tables', async () => {
    expect(await lookup(NOT_LOADED)).toEqual({ status: 'not-found' });
  });

  it('is skipped while no extract was ever loaded, so the lookup asks VIES', async () => {
    await t.database.db
      .transaction()
      .execute(async (trx) => {
        await sql`DELETE FROM kbo.extracts`.execute(trx);
        const empty = new KboCompanySource(trx);
        expect(await empty.lookup(be(BREWERY), { language: 'nl' })).toEqual({ status: 'skipped', reason: 'no KBO extract loaded' });
        expect(await empty.lookup(be(NOT_LOADED), { language: 'nl' })).toEqual({ status: 'skipped', reason: 'no KBO extract loaded' });
        throw new Rollback();
      })
      .catch((error: unknown) => {
        if (!(error instanceof Rollback)) throw error;
      });
    expect((await lookup(BREWERY)).status).toBe('found');
  });

  it('skips Dutch numbers: KBO has Belgian enterprises only', async () => {
    for (const raw of ['69016374', 'NL004495445B01']) {
      expect(await source.lookup(parseRegistryNumber('NL', raw), { language: 'nl' })).toMatchObject({ status: 'skipped' });
    }
  });
});

class Rollback extends Error {}
