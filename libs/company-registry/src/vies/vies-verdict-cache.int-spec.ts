import { createTestDatabase, type TestDatabase } from '../../../../test/setup/test-database';
import { companyRegistryMigrations } from '../migrations';
import { ViesVerdictCache } from './vies-verdict-cache';
import type { SettledViesVerdict } from './vies-verdict';

let t: TestDatabase;
let cache: ViesVerdictCache;

beforeAll(async () => {
  t = await createTestDatabase(companyRegistryMigrations);
  cache = new ViesVerdictCache(t.database.db);
});
afterAll(() => t.drop());
beforeEach(() => t.database.pool.query('TRUNCATE company_registry.vies_verdicts'));

const at = (iso: string): Date => new Date(iso);
const acme: SettledViesVerdict = {
  kind: 'valid',
  name: 'ACME NV',
  address: 'RUE ROYALE 10\n1000 BRUXELLES',
  requestDate: '2026-11-26T10:00:00.000+01:00',
  requestIdentifier: 'WAPIAAAAX1',
};

describe('ViesVerdictCache', () => {
  it('gives back a valid verdict with when it was checked', async () => {
    await cache.put('BE', '0403019261', acme, at('2026-11-26T09:00:00Z'));

    expect(await cache.get('BE', '0403019261', 3600, at('2026-11-26T09:30:00Z'))).toEqual({
      verdict: acme,
      checkedAt: at('2026-11-26T09:00:00Z'),
    });
  });

  it('gives back an invalid verdict with its request date', async () => {
    await cache.put('BE', '0431150351', { kind: 'invalid', requestDate: '2026-11-26' }, at('2026-11-26T09:00:00Z'));

    expect(await cache.get('BE', '0431150351', 3600, at('2026-11-26T09:30:00Z'))).toEqual({
      verdict: { kind: 'invalid', requestDate: '2026-11-26' },
      checkedAt: at('2026-11-26T09:00:00Z'),
    });
  });

  it('ignores a verdict as old as maxAgeSeconds or older, and one of another number or country', async () => {
    await cache.put('BE', '0403019261', acme, at('2026-11-26T09:00:00Z'));

    expect(await cache.get('BE', '0403019261', 3600, at('2026-11-26T10:00:00Z'))).toBeUndefined();
    expect(await cache.get('BE', '0403019261', 0, at('2026-11-26T09:00:00Z'))).toBeUndefined();
    expect(await cache.get('NL', '0403019261', 3600, at('2026-11-26T09:30:00Z'))).toBeUndefined();
    expect(await cache.get('BE', '0428759497', 3600, at('2026-11-26T09:30:00Z'))).toBeUndefined();
  });

  it('replaces the verdict of a number checked again', async () => {
    await cache.put('BE', '0403019261', acme, at('2026-11-26T09:00:00Z'));
    await cache.put('BE', '0403019261', { kind: 'invalid', requestDate: '2026-11-27' }, at('2026-11-27T09:00:00Z'));

    expect(await cache.get('BE', '0403019261', 3600, at('2026-11-27T09:30:00Z'))).toEqual({
      verdict: { kind: 'invalid', requestDate: '2026-11-27' },
      checkedAt: at('2026-11-27T09:00:00Z'),
    });
    const { rows } = await t.database.pool.query('SELECT valid, name, address, request_identifier FROM company_registry.vies_verdicts');
    expect(rows).toEqual([{ valid: false, name: null, address: null, request_identifier: null }]);
  });

  it('keeps the newer verdict when an older one arrives late', async () => {
    await cache.put('BE', '0403019261', acme, at('2026-11-27T09:00:00Z'));
    await cache.put('BE', '0403019261', { kind: 'invalid', requestDate: '2026-11-26' }, at('2026-11-26T09:00:00Z'));

    expect(await cache.get('BE', '0403019261', 3600, at('2026-11-27T09:30:00Z'))).toMatchObject({ verdict: acme });
  });
});
