import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, type TestDatabase } from '../../../../../test/setup/test-database';
import { companyRegistryMigrations } from '../../migrations';
import {
  type KboEnterpriseRow,
  type KboExtractMeta,
  type KboExtractTables,
  type KboExtractWriteOptions,
  writeKboExtract,
} from '../../testing/kbo-extract-writer';
import { KboExtractError, KboExtractRefusedError } from './kbo-load.errors';
import { type KboLoadProgress, KboLoader } from './kbo-loader';
import { readKboStatus } from './kbo-status.query';

/** A valid enterprise number from its first eight digits (check digits: 97 - n mod 97). */
const enterpriseNumber = (first8: string): string => `${first8}${String(97 - (Number(first8) % 97)).padStart(2, '0')}`;
const dotted = (digits: string): string => `${digits.slice(0, 4)}.${digits.slice(4, 7)}.${digits.slice(7)}`;

const BREWERY = enterpriseNumber('04030192');
const BAKER = enterpriseNumber('07333333'); // natural person, one establishment unit
const GARAGE = enterpriseNumber('04444444');
const NEWCOMER = enterpriseNumber('08555555');
const UNIT = '2123456789';

const FULL_140: KboExtractMeta = { extractNumber: 140, extractType: 'full', snapshotDate: '2026-11-01', version: '1.0.0', extractTimestamp: '02-11-2026 05:12:33' };
/** Newer than FULL_140: what the malformed extracts claim to be. */
const FULL_142: KboExtractMeta = { ...FULL_140, extractNumber: 142, snapshotDate: '2027-01-01' };
const UPDATE_141: KboExtractMeta = { extractNumber: 141, extractType: 'update', snapshotDate: '2026-12-01' };

const baseTables = (): KboExtractTables => ({
  enterprise: [
    { enterpriseNumber: BREWERY, status: 'AC', juridicalSituation: '000', typeOfEnterprise: '2', juridicalForm: '014', juridicalFormCAC: '610', startDate: '31-01-1990' },
    { enterpriseNumber: BAKER, status: 'AC', juridicalSituation: '000', typeOfEnterprise: '1', startDate: '15-06-2005' },
    { enterpriseNumber: GARAGE, status: 'AC', juridicalSituation: '012', typeOfEnterprise: '2', juridicalForm: '610' },
  ],
  establishment: [{ establishmentNumber: UNIT, enterpriseNumber: BAKER, startDate: '01-07-2005' }],
  denomination: [
    { entityNumber: BREWERY, language: '2', typeOfDenomination: '001', denomination: 'Brouwerij "Het Anker", Mechelen' },
    { entityNumber: BREWERY, language: '1', typeOfDenomination: '001', denomination: "Brasserie L'Ancre\nde Malines" },
    { entityNumber: UNIT, language: '2', typeOfDenomination: '003', denomination: 'Bakkerij Peeters' },
    { entityNumber: GARAGE, language: '1', typeOfDenomination: '001', denomination: 'Garage Lefèvre SRL' },
  ],
  address: [
    { entityNumber: BREWERY, typeOfAddress: 'REGO', zipcode: '2800', municipalityNL: 'Mechelen', municipalityFR: 'Malines', streetNL: 'Guido Gezellelaan', streetFR: 'Avenue Guido Gezelle', houseNumber: '49', box: '2B' },
    { entityNumber: BREWERY, typeOfAddress: 'REGO', countryNL: 'Nederland', countryFR: 'Pays-Bas', zipcode: '1011', municipalityNL: 'Amsterdam', streetNL: 'Damrak', houseNumber: '1', dateStrikingOff: '30-06-2001' },
    { entityNumber: UNIT, typeOfAddress: 'BAET', zipcode: '9000', municipalityNL: 'Gent', municipalityFR: 'Gand', streetNL: 'Veldstraat', houseNumber: '12' },
    { entityNumber: GARAGE, typeOfAddress: 'REGO', zipcode: '5000', municipalityNL: 'Namen', municipalityFR: 'Namur', streetNL: 'Rue Neuve', streetFR: 'Rue Neuve', houseNumber: '7' },
  ],
});

let t: TestDatabase;
let loader: KboLoader;
let work: string;
let written = 0;

beforeAll(async () => {
  t = await createTestDatabase(companyRegistryMigrations);
  loader = new KboLoader(t.database.pool);
  work = await mkdtemp(join(tmpdir(), 'cm-kbo-load-'));
});
afterAll(async () => {
  await t?.drop();
  if (work) await rm(work, { recursive: true, force: true });
});
beforeEach(() => t.database.pool.query('TRUNCATE kbo.extracts, kbo.enterprise, kbo.establishment, kbo.denomination, kbo.address'));

/** Writes an extract under a fresh name: a folder, or a zip when `kind` is 'zip'. */
async function extract(meta: KboExtractMeta, tables: KboExtractTables, options: KboExtractWriteOptions & { kind?: 'zip' | 'folder' } = {}): Promise<string> {
  const kind = options.kind ?? 'zip';
  const target = join(work, `KboOpenData_${meta.extractNumber}_${++written}_${meta.extractType}${kind === 'zip' ? '.zip' : ''}`);
  await writeKboExtract(target, meta, tables, options);
  return target;
}

const query = async <T = Record<string, unknown>>(text: string): Promise<T[]> => (await t.database.pool.query(text)).rows as T[];
const count = async (table: string): Promise<number> => Number((await query<{ n: string }>(`SELECT count(*) AS n FROM kbo.${table}`))[0].n);

/** Everything loaded, as text, in a stable order: to show that a failed load changed nothing. */
async function snapshot(): Promise<Record<string, unknown[]>> {
  const tables: Record<string, string> = {
    extracts: "extract_number, extract_type, snapshot_date::text, loaded_at::text",
    enterprise: 'enterprise_number',
    establishment: 'establishment_number',
    denomination: 'entity_number, language, type_of_denomination, denomination',
    address: 'entity_number, type_of_address, zipcode, date_striking_off',
  };
  const result: Record<string, unknown[]> = {};
  for (const [table, order] of Object.entries(tables)) result[table] = await query(`SELECT t::text AS row FROM kbo.${table} AS t ORDER BY ${order}`);
  return result;
}

async function loadError(path: string): Promise<KboExtractError> {
  const error = await loader.load(path).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof KboExtractError)) throw new Error(`expected a KboExtractError, got ${String(error)}`);
  return error;
}

describe('KboLoader, full extract', () => {
  it.each(['zip', 'folder'] as const)('loads every table from a %s, numbers as the files write them, dates read day first', async (kind) => {
    const result = await loader.load(await extract(FULL_140, baseTables(), { kind }));

    expect(result).toEqual({
      status: 'loaded',
      extractNumber: 140,
      extractType: 'full',
      snapshotDate: '2026-11-01',
      rows: { enterprise: 3, establishment: 1, denomination: 4, address: 4 },
      durationMs: expect.any(Number),
    });
    expect(await query(`SELECT enterprise_number, status, juridical_situation, type_of_enterprise, juridical_form, juridical_form_cac, start_date::text
                        FROM kbo.enterprise ORDER BY enterprise_number`)).toEqual([
      { enterprise_number: dotted(BREWERY), status: 'AC', juridical_situation: '000', type_of_enterprise: '2', juridical_form: '014', juridical_form_cac: '610', start_date: '1990-01-31' },
      { enterprise_number: dotted(GARAGE), status: 'AC', juridical_situation: '012', type_of_enterprise: '2', juridical_form: '610', juridical_form_cac: null, start_date: null },
      { enterprise_number: dotted(BAKER), status: 'AC', juridical_situation: '000', type_of_enterprise: '1', juridical_form: null, juridical_form_cac: null, start_date: '2005-06-15' },
    ]);
    expect(await query(`SELECT establishment_number, start_date::text, enterprise_number FROM kbo.establishment`)).toEqual([
      { establishment_number: '2.123.456.789', start_date: '2005-07-01', enterprise_number: dotted(BAKER) },
    ]);
    expect(await query(`SELECT denomination FROM kbo.denomination WHERE entity_number = '${dotted(BREWERY)}' ORDER BY language`)).toEqual([
      { denomination: "Brasserie L'Ancre\nde Malines" },
      { denomination: 'Brouwerij "Het Anker", Mechelen' },
    ]);
    expect(await query(`SELECT country_nl, country_fr, municipality_fr, street_fr, box, extra_address_info, date_striking_off::text
                        FROM kbo.address WHERE entity_number = '${dotted(BREWERY)}' ORDER BY zipcode`)).toEqual([
      { country_nl: 'Nederland', country_fr: 'Pays-Bas', municipality_fr: null, street_fr: null, box: null, extra_address_info: null, date_striking_off: '2001-06-30' },
      { country_nl: null, country_fr: null, municipality_fr: 'Malines', street_fr: 'Avenue Guido Gezelle', box: '2B', extra_address_info: null, date_striking_off: null },
    ]);
    expect(await query(`SELECT extract_number, extract_type, snapshot_date::text, extract_timestamp, version FROM kbo.extracts`)).toEqual([
      { extract_number: 140, extract_type: 'full', snapshot_date: '2026-11-01', extract_timestamp: '02-11-2026 05:12:33', version: '1.0.0' },
    ]);
  });

  it('parses by header name: reordered columns, an unknown extra column, no JuridicalFormCAC, a BOM, CRLF, files in a folder of the zip', async () => {
    const tables = baseTables();
    const path = await extract(FULL_140, tables, {
      bom: true,
      lineEnd: '\r\n',
      folder: 'KboOpenData_0140_2026_11_Full',
      headers: {
        enterprise: ['StartDate', 'JuridicalForm', 'EnterpriseNumber', 'Status', 'TypeOfEnterprise', 'JuridicalSituation'],
        address: ['Zipcode', 'EntityNumber', 'TypeOfAddress', 'HouseNumber', 'Box', 'StreetNL', 'StreetFR', 'MunicipalityNL', 'MunicipalityFR', 'CountryNL', 'CountryFR', 'DateStrikingOff', 'ExtraAddressInfo', 'Geocode'],
        denomination: ['Denomination', 'EntityNumber', 'NewField', 'TypeOfDenomination', 'Language'],
      },
    });

    const result = await loader.load(path);

    expect(result.rows).toEqual({ enterprise: 3, establishment: 1, denomination: 4, address: 4 });
    expect(await query(`SELECT juridical_form, juridical_form_cac, start_date::text FROM kbo.enterprise WHERE enterprise_number = '${dotted(BREWERY)}'`)).toEqual([
      { juridical_form: '014', juridical_form_cac: null, start_date: '1990-01-31' },
    ]);
    expect(await query(`SELECT zipcode, house_number, box, street_nl FROM kbo.address WHERE entity_number = '${dotted(GARAGE)}'`)).toEqual([
      { zipcode: '5000', house_number: '7', box: null, street_nl: 'Rue Neuve' },
    ]);
    expect(await count('denomination')).toBe(4);
    // The unknown fields were read and thrown away: the tables keep the migration's columns.
    const columns = await query<{ table_name: string; column_name: string }>(
      `SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'kbo' AND table_name IN ('address', 'denomination') ORDER BY table_name, ordinal_position`,
    );
    expect(columns.filter((c) => c.table_name === 'denomination').map((c) => c.column_name)).toEqual(['entity_number', 'language', 'type_of_denomination', 'denomination']);
    expect(columns.filter((c) => c.table_name === 'address')).toHaveLength(13);
  });

  it('replaces the previous full extract entirely, keeping the keys, indexes and checks under their canonical names', async () => {
    const indexes = () => query(`SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'kbo' ORDER BY indexname`);
    const checks = () => query(`SELECT conrelid::regclass::text AS t, conname, contype FROM pg_constraint WHERE connamespace = 'kbo'::regnamespace ORDER BY 1, 2`);
    const before = { indexes: await indexes(), checks: await checks() };
    await loader.load(await extract(FULL_140, baseTables()));

    const result = await loader.load(
      await extract({ ...FULL_140, extractNumber: 142, snapshotDate: '2027-01-01' }, { enterprise: [{ enterpriseNumber: NEWCOMER, status: 'AC', typeOfEnterprise: '2' }] }),
    );

    expect(result).toMatchObject({ status: 'loaded', extractNumber: 142, rows: { enterprise: 1, establishment: 0, denomination: 0, address: 0 } });
    expect(await query('SELECT enterprise_number FROM kbo.enterprise')).toEqual([{ enterprise_number: dotted(NEWCOMER) }]);
    expect(await count('address')).toBe(0);
    expect(await query('SELECT extract_number FROM kbo.extracts ORDER BY 1')).toEqual([{ extract_number: 140 }, { extract_number: 142 }]);
    expect(await indexes()).toEqual(before.indexes);
    expect(await checks()).toEqual(before.checks);
    expect(before.indexes.map((i) => i.indexname)).toEqual(
      expect.arrayContaining(['enterprise_pkey', 'establishment_pkey', 'establishment_enterprise_idx', 'denomination_entity_idx', 'address_entity_idx']),
    );
    // The keys still hold after the swap.
    await expect(t.database.pool.query(`INSERT INTO kbo.enterprise (enterprise_number) VALUES ('${dotted(NEWCOMER)}')`)).rejects.toThrow(/enterprise_pkey/);
    await expect(t.database.pool.query(`INSERT INTO kbo.enterprise (enterprise_number) VALUES ('12345')`)).rejects.toThrow(/check constraint/);
  });

  it('reports progress in bytes of the data files, ending at the total', async () => {
    const path = await extract(FULL_140, baseTables(), { kind: 'folder' });
    let total = 0;
    for (const file of ['enterprise.csv', 'establishment.csv', 'denomination.csv', 'address.csv']) total += (await stat(join(path, file))).size;
    const reports: KboLoadProgress[] = [];

    await loader.load(path, { onProgress: (progress) => reports.push(progress) });

    expect(reports.length).toBeGreaterThan(0);
    expect(reports.every((r) => r.bytesTotal === total)).toBe(true);
    expect(reports.map((r) => r.bytesDone)).toEqual([...reports.map((r) => r.bytesDone)].sort((a, b) => a - b));
    expect(reports.at(-1)).toMatchObject({ bytesDone: total, bytesTotal: total });
  });
});

describe('KboLoader, update extract', () => {
  const update141 = (options: KboExtractWriteOptions = {}): Promise<string> =>
    extract(
      UPDATE_141,
      {
        // The brewery changed its Dutch name: all its denominations are re-sent. The garage is gone.
        // The baker's unit moved: its address is re-sent. A newcomer arrives.
        enterprise: [
          { enterpriseNumber: BREWERY, status: 'AC', juridicalSituation: '000', typeOfEnterprise: '2', juridicalForm: '610', startDate: '31-01-1990' },
          { enterpriseNumber: NEWCOMER, status: 'AC', juridicalSituation: '000', typeOfEnterprise: '2', juridicalForm: '610', startDate: '01-12-2026' },
        ],
        denomination: [
          { entityNumber: BREWERY, language: '2', typeOfDenomination: '001', denomination: 'Brouwerij Het Anker' },
          { entityNumber: BREWERY, language: '1', typeOfDenomination: '001', denomination: "Brasserie L'Ancre" },
          { entityNumber: NEWCOMER, language: '2', typeOfDenomination: '001', denomination: 'Nieuwkomer BV' },
        ],
        address: [{ entityNumber: UNIT, typeOfAddress: 'BAET', zipcode: '9000', municipalityNL: 'Gent', streetNL: 'Korenmarkt', houseNumber: '3' }],
        deletes: {
          enterprise: [BREWERY, GARAGE],
          denomination: [BREWERY, GARAGE],
          address: [UNIT, GARAGE],
        },
      },
      options,
    );

  it('applies every delete, then every insert, re-sent entities in full, in one go', async () => {
    await loader.load(await extract(FULL_140, baseTables()));

    const result = await loader.load(await update141());

    expect(result).toEqual({
      status: 'loaded',
      extractNumber: 141,
      extractType: 'update',
      snapshotDate: '2026-12-01',
      rows: {
        'enterprise (deleted)': 2,
        'establishment (deleted)': 0,
        'denomination (deleted)': 3,
        'address (deleted)': 2,
        enterprise: 2,
        establishment: 0,
        denomination: 3,
        address: 1,
      },
      durationMs: expect.any(Number),
    });
    expect(await query('SELECT enterprise_number, juridical_form FROM kbo.enterprise ORDER BY 1')).toEqual([
      { enterprise_number: dotted(BREWERY), juridical_form: '610' },
      { enterprise_number: dotted(BAKER), juridical_form: null },
      { enterprise_number: dotted(NEWCOMER), juridical_form: '610' },
    ]);
    expect(await query('SELECT entity_number, denomination FROM kbo.denomination ORDER BY 1, 2')).toEqual([
      { entity_number: dotted(BREWERY), denomination: "Brasserie L'Ancre" },
      { entity_number: dotted(BREWERY), denomination: 'Brouwerij Het Anker' },
      { entity_number: dotted(NEWCOMER), denomination: 'Nieuwkomer BV' },
      { entity_number: '2.123.456.789', denomination: 'Bakkerij Peeters' },
    ]);
    expect(await query('SELECT entity_number, street_nl FROM kbo.address ORDER BY 1, 2')).toEqual([
      { entity_number: dotted(BREWERY), street_nl: 'Damrak' },
      { entity_number: dotted(BREWERY), street_nl: 'Guido Gezellelaan' },
      { entity_number: '2.123.456.789', street_nl: 'Korenmarkt' },
    ]);
    expect(await query('SELECT extract_number, extract_type, snapshot_date::text FROM kbo.extracts ORDER BY 1')).toEqual([
      { extract_number: 140, extract_type: 'full', snapshot_date: '2026-11-01' },
      { extract_number: 141, extract_type: 'update', snapshot_date: '2026-12-01' },
    ]);
  });

  it('reads insert files by header name too, an unknown column ignored (the live tables are never altered)', async () => {
    await loader.load(await extract(FULL_140, baseTables()));

    await loader.load(await update141({ bom: true, headers: { enterprise: ['Status', 'EnterpriseNumber', 'Rating', 'StartDate'] } }));

    expect(await query(`SELECT status, start_date::text, juridical_form FROM kbo.enterprise WHERE enterprise_number = '${dotted(NEWCOMER)}'`)).toEqual([
      { status: 'AC', start_date: '2026-12-01', juridical_form: null },
    ]);
    expect(await query(`SELECT count(*)::int AS n FROM pg_attribute WHERE attrelid = 'kbo.enterprise'::regclass AND attnum > 0`)).toEqual([{ n: 7 }]);
  });
});

describe('KboLoader bookkeeping', () => {
  it('loads the same extract only once: the second time says so and changes nothing', async () => {
    const path = await extract(FULL_140, baseTables());
    await loader.load(path);
    const before = await snapshot();

    const again = await loader.load(path);

    expect(again).toMatchObject({ status: 'already-loaded', extractNumber: 140, extractType: 'full', rows: {} });
    expect(await snapshot()).toEqual(before);
  });

  it('refuses an update older than the newest loaded extract, naming both', async () => {
    await loader.load(await extract({ ...FULL_140, extractNumber: 142 }, baseTables()));
    const before = await snapshot();

    const refused = loader.load(await extract(UPDATE_141, {}));

    await expect(refused).rejects.toThrow(KboExtractRefusedError);
    await expect(refused).rejects.toThrow(/update extract 141.*full extract 142/);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses an update when no full extract was ever loaded', async () => {
    await expect(loader.load(await extract(UPDATE_141, {}))).rejects.toThrow(new KboExtractRefusedError('Refused the update extract 141: no full extract was loaded yet, load a full extract first'));
    expect(await count('extracts')).toBe(0);
  });

  it('refuses a full extract older than the loaded data', async () => {
    await loader.load(await extract({ ...FULL_140, extractNumber: 142 }, baseTables()));
    const before = await snapshot();

    await expect(loader.load(await extract(FULL_140, { enterprise: [{ enterpriseNumber: NEWCOMER }] }))).rejects.toThrow(/full extract 140.*extract 142/);
    expect(await snapshot()).toEqual(before);
  });
});

describe('readKboStatus', () => {
  it('lists the loaded extracts, oldest first, and the rows per table', async () => {
    expect(await readKboStatus(t.database.pool)).toEqual({ extracts: [], rows: { enterprise: 0, establishment: 0, denomination: 0, address: 0 } });
    await loader.load(await extract(FULL_140, baseTables()));

    expect(await readKboStatus(t.database.pool)).toEqual({
      extracts: [{ extractNumber: 140, extractType: 'full', snapshotDate: '2026-11-01', loadedAt: expect.any(Date) }],
      rows: { enterprise: 3, establishment: 1, denomination: 4, address: 4 },
    });
  });
});

describe('KboLoader, malformed extracts change nothing', () => {
  const withEnterprise = (row: Partial<KboEnterpriseRow> & Record<string, string>): KboExtractTables => ({
    ...baseTables(),
    enterprise: [...(baseTables().enterprise as KboEnterpriseRow[]), row as KboEnterpriseRow],
  });
  const CASES: ReadonlyArray<{ name: string; write: () => Promise<string>; file: string; line?: number; reason: RegExp }> = [
    {
      name: 'a bad date',
      write: () => extract(FULL_142, withEnterprise({ enterpriseNumber: NEWCOMER, startDate: '31-13-2020' })),
      file: 'enterprise.csv',
      line: 5,
      reason: /"31-13-2020".*start_date/,
    },
    {
      name: 'an enterprise number the table refuses',
      write: () => extract(FULL_142, withEnterprise({ enterpriseNumber: '0403.019.2' })),
      file: 'enterprise.csv',
      line: 5,
      reason: /check constraint "enterprise_enterprise_number_check".*0403\.019\.2/,
    },
    {
      name: 'bad quoting',
      write: () => extract(FULL_142, baseTables(), { files: { 'denomination.csv': '"EntityNumber","Language","TypeOfDenomination","Denomination"\n"0403.019.261","2","001","Open\n' } }),
      file: 'denomination.csv',
      line: 3,
      reason: /unterminated CSV quoted field/,
    },
    {
      name: 'a missing field',
      write: () => extract(FULL_142, baseTables(), { kind: 'folder', files: { 'establishment.csv': '"EstablishmentNumber","StartDate","EnterpriseNumber"\n"2.123.456.789",01-01-2000,"0403.019.261"\n"2.123.456.790",01-01-2000\n' } }),
      file: 'establishment.csv',
      line: 3,
      reason: /missing data for column "enterprise_number"/,
    },
    {
      name: 'an extra field',
      write: () => extract(FULL_142, baseTables(), { files: { 'establishment.csv': '"EstablishmentNumber","StartDate","EnterpriseNumber"\n"2.123.456.789",01-01-2000,"0403.019.261","x"\n' } }),
      file: 'establishment.csv',
      line: 2,
      reason: /extra data after last expected column/,
    },
    {
      name: 'a missing required column',
      write: () => extract(FULL_142, baseTables(), { headers: { address: ['EntityNumber', 'Zipcode', 'HouseNumber'] } }),
      file: 'address.csv',
      line: 1,
      reason: /missing required column TypeOfAddress/,
    },
    {
      name: 'the same enterprise twice',
      write: () => extract(FULL_142, withEnterprise({ enterpriseNumber: BREWERY })),
      file: 'enterprise.csv',
      reason: /enterprise_pkey.*is duplicated/,
    },
    {
      name: 'a missing data file',
      write: () => extract(FULL_142, baseTables(), { omit: ['address.csv'] }),
      file: 'address.csv',
      reason: /missing from the full extract/,
    },
    {
      name: 'an empty data file',
      write: () => extract(FULL_142, baseTables(), { kind: 'folder', files: { 'denomination.csv': '' } }),
      file: 'denomination.csv',
      line: 1,
      reason: /empty file/,
    },
    {
      name: 'no meta.csv',
      write: () => extract(FULL_142, baseTables(), { omit: ['meta.csv'] }),
      file: 'meta.csv',
      reason: /missing/,
    },
    {
      name: 'an invalid meta.csv',
      write: () => extract(FULL_142, baseTables(), { files: { 'meta.csv': '"Variable","Value"\n"SnapshotDate","01-11-2026"\n"ExtractType","monthly"\n"ExtractNumber","143"\n' } }),
      file: 'meta.csv',
      line: 3,
      reason: /ExtractType must be full or update/,
    },
    {
      name: 'a bad date in an update',
      write: () => extract(UPDATE_141, { enterprise: [{ enterpriseNumber: NEWCOMER, startDate: '2026-13-01' }] }),
      file: 'enterprise_insert.csv',
      line: 2,
      reason: /"2026-13-01"/,
    },
    {
      name: 'a missing key column in a delete file',
      write: () => extract(UPDATE_141, {}, { files: { 'address_delete.csv': '"Number"\n"0403.019.261"\n' } }),
      file: 'address_delete.csv',
      line: 1,
      reason: /missing required column EntityNumber/,
    },
  ];

  it.each(CASES)('$name: names $file and the line, the loaded extract stays as it was', async ({ write, file, line, reason }) => {
    await loader.load(await extract(FULL_140, baseTables()));
    const before = await snapshot();
    const path = await write();

    const error = await loadError(path);

    expect(error).toMatchObject({ file, line });
    expect(error.reason).toMatch(reason);
    expect(error.message).toBe(`${file}${line === undefined ? '' : `, line ${line}`}: ${error.reason}`);
    expect(await snapshot()).toEqual(before);
    // The connection went back to the pool in working order.
    expect(await count('enterprise')).toBe(3);
  });

  it('says so when the path is not a zip, or does not exist', async () => {
    const notZip = join(work, 'not-a.zip');
    await writeFile(notZip, 'hello');
    expect((await loadError(notZip)).message).toMatch(/^not-a\.zip: not a readable zip file/);
    expect((await loadError(join(work, 'nowhere.zip'))).message).toMatch(/no such file or folder/);
  });

  it('names the line with the bad date as the file counts it (header = line 1)', async () => {
    const path = await extract(FULL_142, withEnterprise({ enterpriseNumber: NEWCOMER, startDate: '31-13-2020' }), { kind: 'folder' });
    const lines = (await readFile(join(path, 'enterprise.csv'), 'utf8')).split('\n');

    const error = await loadError(path);

    expect(lines[(error.line ?? 0) - 1]).toContain('31-13-2020');
    expect(error.message).toMatch(/^enterprise\.csv, line 5: .*"31-13-2020"/);
  });
});
