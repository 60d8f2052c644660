import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { companyRegistryMigrations } from '@cm/company-registry';
import { type KboExtractTables, writeKboExtract } from '../../libs/company-registry/src/testing/kbo-extract-writer';
import { buildCliIfMissing, runCli } from '../setup/cli-process';
import { createTestDatabase, type TestDatabase } from '../setup/test-database';

/**
 * `registry load-kbo` and `registry status` as an operator runs them: the
 * compiled CLI in a child process, against a fresh database, reading only its
 * exit code, stdout and stderr.
 */

const MASTER_KEY = randomBytes(32).toString('hex');

let testDb: TestDatabase;
let dataDir: string;

const cli = (...args: string[]) => runCli({ databaseUrl: testDb.url, masterKey: MASTER_KEY, dataDir }, ...args);

const ACME = '0403019261';
const GLOBEX = '0428759497';

const tables = (startDate = '01-01-1990'): KboExtractTables => ({
  enterprise: [
    { enterpriseNumber: ACME, status: 'AC', juridicalSituation: '000', typeOfEnterprise: '2', juridicalForm: '014', startDate },
    { enterpriseNumber: GLOBEX, status: 'AC', juridicalSituation: '000', typeOfEnterprise: '2', juridicalForm: '610', startDate: '15-03-2001' },
  ],
  denomination: [
    { entityNumber: ACME, language: '2', typeOfDenomination: '001', denomination: 'Acme Nederlands' },
    { entityNumber: ACME, language: '1', typeOfDenomination: '001', denomination: 'Acme Français' },
    { entityNumber: GLOBEX, language: '1', typeOfDenomination: '001', denomination: 'Globex SA' },
  ],
  address: [{ entityNumber: ACME, typeOfAddress: 'REGO', zipcode: '1000', municipalityNL: 'Brussel', municipalityFR: 'Bruxelles', streetNL: 'Koningsstraat', houseNumber: '10' }],
});

const loaded = async () => ({
  extracts: (await testDb.database.pool.query('SELECT extract_number, extract_type FROM kbo.extracts ORDER BY 1, 2')).rows,
  enterprises: (await testDb.database.pool.query('SELECT enterprise_number, start_date::text FROM kbo.enterprise ORDER BY 1')).rows,
});

beforeAll(async () => {
  buildCliIfMissing();
  dataDir = mkdtempSync(join(tmpdir(), 'cm-registry-cli-e2e-'));
  testDb = await createTestDatabase(companyRegistryMigrations);
}, 240_000);

afterAll(async () => {
  await testDb?.drop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('cli registry --help', () => {
  it('lists the registry commands, with examples', async () => {
    const top = await cli('--help');
    expect(top.code).toBe(0);
    expect(top.stdout).toMatch(/^ {2}registry /m);
    expect(top.stdout).toContain('$ npm run cli -- registry load-kbo');

    const registry = await cli('registry', '--help');
    expect(registry.code).toBe(0);
    for (const command of ['load-kbo', 'status']) expect(registry.stdout).toMatch(new RegExp(`^ {2}${command}\\b`, 'm'));

    const load = await cli('registry', 'load-kbo', '--help');
    expect(load.code).toBe(0);
    expect(load.stdout).toContain('Usage: npm run cli -- registry load-kbo [options] <extract>');
    expect(load.stdout).toContain('Examples:');
  });
});

describe('cli registry load-kbo and status', () => {
  it('says when no extract is loaded yet', async () => {
    const result = await cli('registry', 'status');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('No KBO extract loaded yet');
  });

  it('loads a full extract from a zip and prints what it loaded, exit 0', async () => {
    const zip = join(dataDir, 'KboOpenData_0140_2026_11_Full.zip');
    await writeKboExtract(zip, { extractNumber: 140, extractType: 'full', snapshotDate: '2026-11-01' }, tables());

    const result = await cli('registry', 'load-kbo', zip);

    expect(result.stderr).not.toContain('error');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Loaded KBO full extract 140 \(snapshot 2026-11-01\) in \d+\.\d s:$/m);
    expect(result.stdout).toMatch(/^ {2}enterprise +2 rows$/m);
    expect(result.stdout).toMatch(/^ {2}establishment +0 rows$/m);
    expect(result.stdout).toMatch(/^ {2}denomination +3 rows$/m);
    expect(result.stdout).toMatch(/^ {2}address +1 rows$/m);
    expect(await loaded()).toEqual({
      extracts: [{ extract_number: 140, extract_type: 'full' }],
      enterprises: [
        { enterprise_number: '0403.019.261', start_date: '1990-01-01' },
        { enterprise_number: '0428.759.497', start_date: '2001-03-15' },
      ],
    });
  });

  it('loads the same extract again as a no-op, exit 0', async () => {
    const result = await cli('registry', 'load-kbo', join(dataDir, 'KboOpenData_0140_2026_11_Full.zip'));
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toBe('KBO full extract 140 (snapshot 2026-11-01) is already loaded, nothing changed');
  });

  it('stops on a malformed file with its file and line on stderr, exit 1, and changes nothing', async () => {
    const before = await loaded();
    const zip = join(dataDir, 'KboOpenData_0141_2026_12_Full.zip');
    await writeKboExtract(zip, { extractNumber: 141, extractType: 'full', snapshotDate: '2026-12-01' }, tables('31-13-2020'));

    const result = await cli('registry', 'load-kbo', zip);

    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: enterprise\.csv, line 2: .*"31-13-2020".*nothing was loaded/m);
    expect(result.stdout).toBe('');
    expect(await loaded()).toEqual(before);
  });

  it('refuses an update older than the loaded data, exit 1', async () => {
    const zip = join(dataDir, 'KboOpenData_0139_2026_10_Update.zip');
    await writeKboExtract(zip, { extractNumber: 139, extractType: 'update', snapshotDate: '2026-10-01' }, {});

    const result = await cli('registry', 'load-kbo', zip);

    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: Refused the update extract 139: it is older than the full extract 140 already loaded/m);
  });

  it('reports a path that is not there', async () => {
    const result = await cli('registry', 'load-kbo', join(dataDir, 'nowhere.zip'));
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: .*no such file or folder/m);
  });

  it('applies an update and prints the deleted and inserted rows', async () => {
    const zip = join(dataDir, 'KboOpenData_0141_2026_12_Update.zip');
    await writeKboExtract(zip, { extractNumber: 141, extractType: 'update', snapshotDate: '2026-12-01' }, {
      enterprise: [{ enterpriseNumber: GLOBEX, status: 'AC', typeOfEnterprise: '2', startDate: '15-03-2001' }],
      deletes: { enterprise: [GLOBEX, ACME], denomination: [ACME], address: [ACME] },
    });

    const result = await cli('registry', 'load-kbo', zip);

    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Loaded KBO update extract 141 \(snapshot 2026-12-01\)/m);
    expect(result.stdout).toMatch(/^ {2}enterprise \(deleted\) +2 rows$/m);
    expect(result.stdout).toMatch(/^ {2}denomination \(deleted\) +2 rows$/m);
    expect(result.stdout).toMatch(/^ {2}enterprise +1 rows$/m);
  });

  it('lists the loaded extracts and the rows per table', async () => {
    const result = await cli('registry', 'status');

    expect(result.code).toBe(0);
    const row = (text: string) => result.stdout.split('\n').find((line) => line.includes(text)) ?? '';
    expect(row(' 140 ')).toMatch(/140 +│ full +│ 2026-11-01 +│ \d{4}-\d{2}-\d{2}T/);
    expect(row(' 141 ')).toMatch(/141 +│ update +│ 2026-12-01 +│ \d{4}-\d{2}-\d{2}T/);
    expect(row('kbo.enterprise ')).toMatch(/kbo\.enterprise +│ +1 │/);
    expect(row('kbo.denomination ')).toMatch(/kbo\.denomination +│ +1 │/);
  });
});
