import type { CompanySource } from '../application/company-source';
import { parseRegistryNumber } from '../domain/registry-number';
import { type FakeKvk, startFakeKvk } from '../testing/fake-kvk.server';
import { KvkClient } from './kvk-client';
import { KvkCompanySource } from './kvk-company-source';

const API_KEY = 'test-key-123';
const NOW = new Date('2026-03-01T10:00:00Z');
const options = { language: 'nl' } as const;
const kvkNumber = parseRegistryNumber('NL', '1234 5678');

describe('KvkCompanySource against a fake KvK API', () => {
  // Called through the port, as the lookup calls it.
  let kvk: FakeKvk;

  beforeAll(async () => {
    kvk = await startFakeKvk({ apiKey: API_KEY });
  });
  afterEach(() => kvk.reset());
  afterAll(() => kvk.close());

  const source = (apiKey = API_KEY): CompanySource =>
    new KvkCompanySource(new KvkClient({ baseUrl: kvk.url, apiKey, timeoutMs: 2000, backoffMs: 10 }), { now: () => NOW });

  it('finds a company by KvK number', async () => {
    kvk.setProfile('12345678', {
      naam: 'Bakkerij De Molen',
      statutaireNaam: 'De Molen B.V.',
      adressen: [
        { type: 'bezoekadres', straatnaam: 'Kerkstraat', huisnummer: 12, huisletter: 'A', huisnummerToevoeging: '3', postcode: '1017GC', plaats: 'Amsterdam' },
      ],
    });

    await expect(source().lookup(kvkNumber, options)).resolves.toEqual({
      status: 'found',
      company: {
        country: 'NL',
        enterpriseNumber: '12345678',
        vatNumber: null,
        companyName: 'De Molen B.V.',
        address: 'Kerkstraat 12A-3',
        zip: '1017 GC',
        city: 'Amsterdam',
        source: 'kvk',
        retrievedAt: NOW.toISOString(),
      },
    });
    expect(kvk.requests).toEqual([expect.objectContaining({ path: '/v1/basisprofielen/12345678', apiKey: API_KEY })]);
  });

  it('never returns a shielded address', async () => {
    kvk.setProfile('12345678', {
      naam: 'J. de Vries',
      adressen: [{ type: 'bezoekadres', indAfgeschermd: 'Ja', straatnaam: 'Thuisweg', huisnummer: 5, postcode: '1234AB', plaats: 'Thuisdorp' }],
    });
    const answer = await source().lookup(kvkNumber, options);
    expect(answer).toEqual({
      status: 'found',
      company: expect.objectContaining({ companyName: 'J. de Vries', address: null, zip: null, city: null }),
    });
    expect(JSON.stringify(answer)).not.toMatch(/Thuisweg|1234 ?AB|Thuisdorp/);
  });

  it('answers not-found for a number KvK does not know', async () => {
    await expect(source().lookup(kvkNumber, options)).resolves.toEqual({ status: 'not-found' });
  });

  it('answers unavailable when the API key is refused, without hammering KvK', async () => {
    kvk.setProfile('12345678');
    const answer = await source('wrong-key').lookup(kvkNumber, options);
    expect(answer).toEqual({ status: 'unavailable', reason: expect.stringMatching(/API key/), retryAfterSeconds: 3600 });
    expect(kvk.requests).toHaveLength(1);
  });

  it('answers unavailable with KvK\'s Retry-After when rate limited for long', async () => {
    kvk.failNext(1, { status: 429, retryAfter: 120 });
    await expect(source().lookup(kvkNumber, options)).resolves.toEqual({
      status: 'unavailable',
      reason: expect.stringMatching(/rate limit/),
      retryAfterSeconds: 120,
    });
  });

  it('answers after a short rate limit and after a 503', async () => {
    kvk.setProfile('12345678');
    kvk.failNext(1, { status: 429, retryAfter: 1 });
    kvk.failNext(1, { status: 503 });
    await expect(source().lookup(kvkNumber, options)).resolves.toMatchObject({ status: 'found' });
    expect(kvk.requests).toHaveLength(3);
    expect(kvk.requests[1]!.at - kvk.requests[0]!.at).toBeGreaterThanOrEqual(950);
  });

  it('answers unavailable when KvK stays down', async () => {
    kvk.setProfile('12345678');
    kvk.failNext(10, { status: 503 });
    await expect(source().lookup(kvkNumber, options)).resolves.toEqual({ status: 'unavailable', reason: expect.stringMatching(/IPD1002/) });
  });

  it('skips every number when no API key is configured', async () => {
    const unconfigured: CompanySource = new KvkCompanySource(undefined);
    await expect(unconfigured.lookup(kvkNumber, options)).resolves.toEqual({ status: 'skipped', reason: 'KvK API key not configured' });
    await expect(unconfigured.lookup(parseRegistryNumber('BE', '0403019261'), options)).resolves.toMatchObject({ status: 'skipped' });
  });

  it('skips Belgian numbers and Dutch VAT numbers without asking KvK', async () => {
    await expect(source().lookup(parseRegistryNumber('BE', '0403019261'), options)).resolves.toEqual({
      status: 'skipped',
      reason: 'KvK knows Dutch companies only',
    });
    await expect(source().lookup(parseRegistryNumber('NL', 'NL004495445B01'), options)).resolves.toEqual({
      status: 'skipped',
      reason: 'KvK cannot be searched by VAT number',
    });
    expect(kvk.requests).toHaveLength(0);
  });
});
