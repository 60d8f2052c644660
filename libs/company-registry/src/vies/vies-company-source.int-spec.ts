import { createTestDatabase, type TestDatabase } from '../../../../test/setup/test-database';
import { parseRegistryNumber } from '../domain/registry-number';
import { companyRegistryMigrations } from '../migrations';
import { type FakeVies, startFakeVies } from '../testing/fake-vies.server';
import { ViesClient } from './vies-client';
import { ViesCompanySource } from './vies-company-source';
import { ViesVerdictCache } from './vies-verdict-cache';

const TTL_SECONDS = 3600;

let t: TestDatabase;
let fake: FakeVies;
let clock: Date;
let source: ViesCompanySource;

beforeAll(async () => {
  t = await createTestDatabase(companyRegistryMigrations);
  fake = await startFakeVies();
});
afterAll(async () => {
  await fake.close();
  await t.drop();
});
beforeEach(async () => {
  fake.reset();
  await t.database.pool.query('TRUNCATE company_registry.vies_verdicts');
  clock = new Date('2026-11-26T10:00:00.000Z');
  source = new ViesCompanySource(
    new ViesClient({ baseUrl: fake.url, requestsPerSecond: 1000, timeoutMs: 2000, retries: 2, backoffMs: 5 }),
    new ViesVerdictCache(t.database.db),
    { cacheTtlSeconds: TTL_SECONDS, now: () => clock },
  );
});

const lookup = (country: string, number: string) => source.lookup(parseRegistryNumber(country, number), { language: 'nl' });
const cachedRows = async () =>
  (await t.database.pool.query('SELECT country_code, vat_number, valid FROM company_registry.vies_verdicts ORDER BY vat_number')).rows;

describe('ViesCompanySource', () => {
  it('finds a Belgian company by enterprise number, with name and the address split up', async () => {
    fake.setCompany('BE', '0403019261', { name: 'ACME NV', address: 'RUE ROYALE 10\n1000 BRUXELLES' });

    expect(await lookup('BE', '0403.019.261')).toEqual({
      status: 'found',
      company: {
        country: 'BE',
        enterpriseNumber: '0403019261',
        vatNumber: 'BE0403019261',
        companyName: 'ACME NV',
        address: 'RUE ROYALE 10',
        zip: '1000',
        city: 'BRUXELLES',
        source: 'vies',
        retrievedAt: '2026-11-26T10:00:00.000Z',
      },
    });
    expect(fake.requests.map((r) => r.path)).toEqual(['/ms/BE/vat/0403019261']);
    expect(await cachedRows()).toEqual([{ country_code: 'BE', vat_number: '0403019261', valid: true }]);
  });

  it('finds a Dutch VAT number; "---" name and address become null', async () => {
    fake.setCompany('NL', '004495445B01');

    expect(await lookup('NL', 'NL004495445B01')).toEqual({
      status: 'found',
      company: {
        country: 'NL',
        enterpriseNumber: null,
        vatNumber: 'NL004495445B01',
        companyName: null,
        address: null,
        zip: null,
        city: null,
        source: 'vies',
        retrievedAt: '2026-11-26T10:00:00.000Z',
      },
    });
    expect(fake.requests.map((r) => r.path)).toEqual(['/ms/NL/vat/004495445B01']);
  });

  it('splits a Dutch address when the member state gives one', async () => {
    fake.setCompany('NL', '002455799B11', { name: 'VOORBEELD BV', address: 'DAMRAK 1\n1012 LG AMSTERDAM' });

    expect(await lookup('NL', 'NL002455799B11')).toMatchObject({
      status: 'found',
      company: { companyName: 'VOORBEELD BV', address: 'DAMRAK 1', zip: '1012 LG', city: 'AMSTERDAM' },
    });
  });

  it('skips a KvK number without asking VIES', async () => {
    expect(await lookup('NL', '12345678')).toEqual({ status: 'skipped', reason: 'VIES needs a VAT number' });
    expect(fake.requests).toHaveLength(0);
  });

  it('answers not-found for a number VIES calls invalid, and remembers it', async () => {
    expect(await lookup('BE', '0428759497')).toEqual({ status: 'not-found' });
    expect(await lookup('BE', '0428759497')).toEqual({ status: 'not-found' });

    expect(fake.requests).toHaveLength(1);
    expect(await cachedRows()).toEqual([{ country_code: 'BE', vat_number: '0428759497', valid: false }]);
  });

  it('answers not-found for INVALID_INPUT without retrying', async () => {
    fake.failNext(1, 'INVALID_INPUT', 400);

    expect(await lookup('BE', '0403019261')).toEqual({ status: 'not-found' });
    expect(fake.requests).toHaveLength(1);
  });

  it('answers a cached verdict without asking VIES, dated when it was checked', async () => {
    fake.setCompany('BE', '0403019261', { name: 'ACME NV', address: 'RUE ROYALE 10\n1000 BRUXELLES' });
    const first = await lookup('BE', '0403019261');
    clock = new Date('2026-11-26T10:59:00.000Z');

    const second = await lookup('BE', '0403019261');

    expect(second).toEqual(first);
    expect(second).toMatchObject({ company: { retrievedAt: '2026-11-26T10:00:00.000Z' } });
    expect(fake.requests).toHaveLength(1);
  });

  it('asks VIES again once the cached verdict is older than the TTL', async () => {
    fake.setCompany('BE', '0403019261', { name: 'ACME NV' });
    await lookup('BE', '0403019261');
    fake.setCompany('BE', '0403019261', { name: 'ACME RENAMED NV' });
    clock = new Date(clock.getTime() + TTL_SECONDS * 1000);

    expect(await lookup('BE', '0403019261')).toMatchObject({
      company: { companyName: 'ACME RENAMED NV', retrievedAt: '2026-11-26T11:00:00.000Z' },
    });
    expect(fake.requests).toHaveLength(2);
  });

  it('retries a transient error and caches the answer that follows, not the error', async () => {
    fake.setCompany('BE', '0403019261', { name: 'ACME NV' });
    fake.failNext(1, 'MS_UNAVAILABLE', 200);
    fake.failNext(1, 'GLOBAL_MAX_CONCURRENT_REQ', 500);

    expect(await lookup('BE', '0403019261')).toMatchObject({ status: 'found', company: { companyName: 'ACME NV' } });
    expect(fake.requests).toHaveLength(3);
    expect(await cachedRows()).toEqual([{ country_code: 'BE', vat_number: '0403019261', valid: true }]);
  });

  it.each([
    ['an envelope with HTTP 200', { kind: 'envelope', error: 'MS_UNAVAILABLE', status: 200 } as const, 'MS_UNAVAILABLE'],
    ['an envelope with HTTP 500', { kind: 'envelope', error: 'SERVICE_UNAVAILABLE', status: 500 } as const, 'SERVICE_UNAVAILABLE'],
    ['an HTML 503 page', { kind: 'html', status: 503 } as const, 'HTTP 503'],
  ])('answers unavailable when VIES keeps sending %s, caching nothing', async (_, answer, reason) => {
    fake.setCompany('BE', '0403019261', { name: 'ACME NV' });
    fake.setAnswer('BE', '0403019261', answer);

    expect(await lookup('BE', '0403019261')).toEqual({ status: 'unavailable', reason });
    expect(fake.requests).toHaveLength(3);
    expect(await cachedRows()).toEqual([]);

    fake.reset();
    fake.setCompany('BE', '0403019261', { name: 'ACME NV' });
    expect(await lookup('BE', '0403019261')).toMatchObject({ status: 'found' });
  });

  it('answers unavailable when VIES is slower than the timeout, after retrying', async () => {
    const impatient = new ViesCompanySource(
      new ViesClient({ baseUrl: fake.url, requestsPerSecond: 1000, timeoutMs: 150, retries: 1, backoffMs: 5 }),
      new ViesVerdictCache(t.database.db),
      { cacheTtlSeconds: TTL_SECONDS, now: () => clock },
    );
    fake.setCompany('BE', '0403019261', { name: 'ACME NV' });
    fake.setAnswer('BE', '0403019261', { kind: 'slow', delayMs: 2000 });

    expect(await impatient.lookup(parseRegistryNumber('BE', '0403019261'), { language: 'nl' })).toEqual({
      status: 'unavailable',
      reason: expect.stringMatching(/^TIMEOUT/),
    });
    expect(fake.requests).toHaveLength(2);
    expect(await cachedRows()).toEqual([]);
  });

  it('asks callers to wait an hour when VIES blocks us', async () => {
    fake.failNext(1, 'IP_BLOCKED', 403);

    expect(await lookup('BE', '0403019261')).toEqual({ status: 'unavailable', reason: 'IP_BLOCKED', retryAfterSeconds: 3600 });
    expect(fake.requests).toHaveLength(1);
  });
});
