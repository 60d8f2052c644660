import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { ApiKeyService, loadConfig, OrganizationService } from '@cm/platform';
import { KboLoader } from '../../libs/company-registry/src/kbo/load/kbo-loader';
import { type FakeKvk, startFakeKvk } from '../../libs/company-registry/src/testing/fake-kvk.server';
import { type FakeVies, startFakeVies } from '../../libs/company-registry/src/testing/fake-vies.server';
import { writeKboExtract } from '../../libs/company-registry/src/testing/kbo-extract-writer';
import { createApp } from '../../apps/api/src/bootstrap';
import { API_MIGRATIONS } from '../../apps/api/src/contexts';
import { createTestDatabase, type TestDatabase } from '../setup/test-database';

/**
 * The company registry as an API client uses it: the magic wand, prefill on
 * create and enrich, over real HTTP, with the KBO open data loaded from an
 * extract and VIES and the KvK played by local fakes.
 */

type Json = Record<string, any>;

interface Call {
  readonly status: number;
  readonly headers: Headers;
  readonly body: Json;
}

const KVK_KEY = 'kvk-test-key';
const ACME = '0403019261'; // in the KBO extract, names in Dutch and French
const GLOBEX = '0428759497'; // not in the extract; VIES knows it
const UNKNOWN = '0202239951'; // valid check digits, known nowhere
// Numbers VIES is down for; each test has its own, as VIES's "invalid" verdict for UNKNOWN is cached.
const OFFLINE = ['0202239852', '0202239753', '0202239654'] as const;

let t: TestDatabase;
let dataDir: string;
let app: NestExpressApplication;
let base: string;
let key: string;
let vies: FakeVies;
let kvk: FakeKvk;

beforeAll(async () => {
  t = await createTestDatabase(API_MIGRATIONS);
  dataDir = await mkdtemp(join(tmpdir(), 'cm-registry-e2e-'));
  vies = await startFakeVies();
  kvk = await startFakeKvk({ apiKey: KVK_KEY });
  await new OrganizationService(t.database).createOrganization('acme');
  key = (await new ApiKeyService(t.database).createApiKey('acme')).key;

  const extract = join(dataDir, 'KboOpenData_0140_2026_11_Full.zip');
  await writeKboExtract(extract, { extractNumber: 140, extractType: 'full', snapshotDate: '2026-11-01' }, {
    enterprise: [{ enterpriseNumber: ACME, status: 'AC', juridicalSituation: '000', typeOfEnterprise: '2', juridicalForm: '014', startDate: '01-01-1990' }],
    denomination: [
      { entityNumber: ACME, language: '2', typeOfDenomination: '001', denomination: 'Acme Nederlands' },
      { entityNumber: ACME, language: '1', typeOfDenomination: '001', denomination: 'Acme Français' },
    ],
    address: [
      {
        entityNumber: ACME,
        typeOfAddress: 'REGO',
        zipcode: '1000',
        municipalityNL: 'Brussel',
        municipalityFR: 'Bruxelles',
        streetNL: 'Koningsstraat',
        streetFR: 'Rue Royale',
        houseNumber: '10',
      },
    ],
  });
  await new KboLoader(t.database.pool).load(extract);

  const config = loadConfig({
    MASTER_KEY: randomBytes(32).toString('hex'),
    DATA_DIR: dataDir,
    VIES_BASE_URL: vies.url,
    VIES_REQUESTS_PER_SECOND: '20',
    KVK_BASE_URL: kvk.url,
    KVK_API_KEY: KVK_KEY,
    REGISTRY_TIMEOUT_MS: '1000',
  });
  app = await createApp({ database: t.database, config: { ...config, logLevel: 'error' }, logger: false });
  await app.listen(0, '127.0.0.1');
  base = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
});

afterEach(() => {
  vies.reset();
});

afterAll(async () => {
  await app?.close();
  await vies?.close();
  await kvk?.close();
  await t?.drop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Call> {
  const init: RequestInit = { method, headers: { authorization: `Bearer ${key}`, ...headers } };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
    (init.headers as Record<string, string>)['content-type'] = 'application/json';
  }
  const response = await fetch(`${base}${path}`, init);
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? (JSON.parse(text) as Json) : {} };
}

const lookup = (country: string, number: string, query = '') => call('GET', `/v1/enterprises/${country}/${encodeURIComponent(number)}${query}`);

describe('GET /v1/enterprises/{country}/{number}', () => {
  it('answers a Belgian number from the loaded KBO data, without asking VIES', async () => {
    const { status, body } = await lookup('BE', 'BE 0403.019.261');
    expect(status).toBe(200);
    expect(body).toEqual({
      country: 'BE',
      enterpriseNumber: ACME,
      vatNumber: `BE${ACME}`,
      companyName: 'Acme Nederlands',
      address: 'Koningsstraat 10',
      zip: '1000',
      city: 'Brussel',
      source: 'kbo',
      retrievedAt: '2026-11-01T00:00:00.000Z',
    });
    expect(vies.requests).toEqual([]);
  });

  it('answers in French when asked', async () => {
    const { body } = await lookup('be', ACME, '?language=fr');
    expect(body).toMatchObject({ companyName: 'Acme Français', address: 'Rue Royale 10', city: 'Bruxelles' });
  });

  it.each([
    ['BE', '0431150351', 'CHECKSUM'],
    ['BE', '04030192', 'LENGTH'],
    ['BE', '2123456789', 'FORMAT'],
    ['NL', '1234567', 'LENGTH'],
    ['NL', 'NL123456789B90', 'CHECKSUM'],
    ['FR', '123456789', 'COUNTRY'],
  ])('refuses %s %s as 400 (%s) naming the number, and asks no registry', async (country, number, reason) => {
    const { status, headers, body } = await lookup(country, number);
    expect(status).toBe(400);
    expect(headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(body).toMatchObject({ code: 'REGISTRY.INVALID_NUMBER', number, reason });
    expect(body.detail).toEqual(expect.any(String));
    expect(vies.requests).toEqual([]);
  });

  it('refuses a bad language parameter', async () => {
    expect((await lookup('BE', ACME, '?language=xx')).status).toBe(400);
  });

  it('falls back to VIES for a Belgian company the extract does not hold', async () => {
    vies.setCompany('BE', GLOBEX, { name: 'GLOBEX NV', address: 'MEIR 1\n2000 ANTWERPEN' });
    const { status, body } = await lookup('BE', GLOBEX);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      enterpriseNumber: GLOBEX,
      vatNumber: `BE${GLOBEX}`,
      companyName: 'GLOBEX NV',
      address: 'MEIR 1',
      zip: '2000',
      city: 'ANTWERPEN',
      source: 'vies',
    });
  });

  it('is 404 when neither the extract nor VIES knows the number', async () => {
    const { status, body } = await lookup('BE', UNKNOWN);
    expect(status).toBe(404);
    expect(body).toMatchObject({ code: 'REGISTRY.ENTERPRISE_NOT_FOUND', number: UNKNOWN, sources: ['kbo', 'vies'] });
  });

  it('is 503 with Retry-After when VIES is down and the extract does not know the number', async () => {
    vies.setAnswer('BE', OFFLINE[0], { kind: 'envelope', error: 'MS_UNAVAILABLE', status: 500 });
    const { status, headers, body } = await lookup('BE', OFFLINE[0]);
    expect(status).toBe(503);
    expect(Number(headers.get('retry-after'))).toBeGreaterThan(0);
    expect(body).toMatchObject({ code: 'REGISTRY.UNAVAILABLE' });
  });

  it('answers a KvK number from the KvK, a shielded address left out', async () => {
    kvk.setProfile('69016374', {
      naam: 'Initech B.V.',
      adressen: [{ type: 'bezoekadres', indAfgeschermd: 'Nee', straatnaam: 'Damrak', huisnummer: 1, postcode: '1012LG', plaats: 'Amsterdam' }],
    });
    kvk.setProfile('12345678', {
      naam: 'Hidden B.V.',
      adressen: [{ type: 'bezoekadres', indAfgeschermd: 'Ja', straatnaam: 'Thuisweg', huisnummer: 2, postcode: '1234AB', plaats: 'Utrecht' }],
    });
    expect((await lookup('NL', '6901 6374')).body).toMatchObject({
      country: 'NL',
      enterpriseNumber: '69016374',
      companyName: 'Initech B.V.',
      address: 'Damrak 1',
      zip: '1012 LG',
      city: 'Amsterdam',
      source: 'kvk',
    });
    expect((await lookup('NL', '12345678')).body).toMatchObject({ companyName: 'Hidden B.V.', address: null, zip: null, city: null });
  });

  it('answers a Dutch VAT number from VIES', async () => {
    vies.setCompany('NL', '004495445B01');
    const { status, body } = await lookup('NL', 'NL004495445B01');
    expect(status).toBe(200);
    expect(body).toMatchObject({ country: 'NL', vatNumber: 'NL004495445B01', enterpriseNumber: null, companyName: null, source: 'vies' });
  });

  it('needs an API key', async () => {
    expect((await fetch(`${base}/v1/enterprises/BE/${ACME}`)).status).toBe(401);
  });
});

describe('POST /v1/customers with prefill', () => {
  it('creates a company from its number alone', async () => {
    const { status, body } = await call('POST', '/v1/customers', { customerNumber: 'P-1', enterpriseNumber: 'BE 0403.019.261', prefill: true });
    expect(status).toBe(201);
    expect(body).toMatchObject({
      type: 'company',
      customerNumber: 'P-1',
      companyName: 'Acme Nederlands',
      enterpriseNumber: ACME,
      vatNumber: `BE${ACME}`,
      address: 'Koningsstraat 10',
      zip: '1000',
      city: 'Brussel',
      country: 'BE',
    });
  });

  it('keeps the values the caller sent, and asks the registry in the customer\'s language', async () => {
    const { body } = await call('POST', '/v1/customers', {
      customerNumber: 'P-2',
      enterpriseNumber: ACME,
      companyName: 'Acme Billing',
      language: 'fr',
      prefill: true,
    });
    expect(body).toMatchObject({ companyName: 'Acme Billing', address: 'Rue Royale 10', city: 'Bruxelles' });
  });

  it('creates nothing when no registry knows the number (422) or none can answer (503)', async () => {
    const unknown = await call('POST', '/v1/customers', { customerNumber: 'P-3', enterpriseNumber: UNKNOWN, prefill: true });
    expect(unknown.status).toBe(422);
    expect(unknown.body).toMatchObject({ code: 'CUSTOMER.ENTERPRISE_NOT_IN_REGISTRY', enterpriseNumber: UNKNOWN });

    vies.setAnswer('BE', OFFLINE[1], { kind: 'envelope', error: 'SERVICE_UNAVAILABLE', status: 503 });
    const down = await call('POST', '/v1/customers', { customerNumber: 'P-3', enterpriseNumber: OFFLINE[1], prefill: true });
    expect(down.status).toBe(503);
    expect(down.headers.get('retry-after')).toMatch(/^\d+$/);

    expect((await call('GET', '/v1/customers?q=P-3')).body.items ?? []).toEqual([]);
    expect((await call('PUT', '/v1/customers/by-number/P-3', { companyName: 'Later' })).status).toBe(201);
  });

  it('refuses prefill without an enterprise number, or for a person', async () => {
    const none = await call('POST', '/v1/customers', { companyName: 'Acme', prefill: true });
    expect(none.status).toBe(400);
    expect(none.body.errors).toEqual([expect.objectContaining({ field: 'enterpriseNumber', code: 'REQUIRED' })]);
    const person = await call('POST', '/v1/customers', { type: 'person', customerNumber: 'P-4', enterpriseNumber: ACME, prefill: true });
    expect(person.status).toBe(400);
  });
});

describe('POST /v1/customers/{id}/enrich', () => {
  const createBare = async (customerNumber: string, enterpriseNumber: string | null, extra: Json = {}) => {
    const { status, body } = await call('POST', '/v1/customers', { customerNumber, companyName: 'acme', enterpriseNumber, ...extra });
    expect(status).toBe(201);
    return body.id as string;
  };

  it('fills the empty fields, records the source and each change, and records nothing the second time', async () => {
    const id = await createBare('E-1', ACME);
    const first = await call('POST', `/v1/customers/${id}/enrich`);
    expect(first.status).toBe(200);
    expect(first.headers.get('etag')).toBe('"2"');
    expect(first.body).toMatchObject({ companyName: 'acme', vatNumber: `BE${ACME}`, address: 'Koningsstraat 10', zip: '1000', city: 'Brussel', country: 'BE', version: 2 });

    const history = (await call('GET', `/v1/customers/${id}/history`)).body as unknown as Json[];
    const enriched = history.find((entry) => entry.eventType === 'CompanyEnriched');
    expect(enriched).toMatchObject({ source: 'kbo', version: 2 });
    expect(enriched!.changes).toEqual(
      expect.arrayContaining([
        { field: 'vatNumber', from: null, to: `BE${ACME}` },
        { field: 'city', from: null, to: 'Brussel' },
      ]),
    );

    const again = await call('POST', `/v1/customers/${id}/enrich`, {});
    expect(again.status).toBe(200);
    expect(again.body.version).toBe(2);
  });

  it('replaces filled fields with overwrite, the name included', async () => {
    const id = await createBare('E-2', ACME, { address: 'Kerkstraat 1', zip: '9000', city: 'Gent', country: 'BE' });
    expect((await call('POST', `/v1/customers/${id}/enrich`)).body).toMatchObject({ companyName: 'acme', city: 'Gent' });
    const { body } = await call('POST', `/v1/customers/${id}/enrich`, { overwrite: true });
    expect(body).toMatchObject({ companyName: 'Acme Nederlands', address: 'Koningsstraat 10', zip: '1000', city: 'Brussel' });
  });

  it('honours If-Match', async () => {
    const id = await createBare('E-3', ACME);
    expect((await call('POST', `/v1/customers/${id}/enrich`, {}, { 'if-match': '"7"' })).status).toBe(412);
    expect((await call('POST', `/v1/customers/${id}/enrich`, {}, { 'if-match': '"1"' })).status).toBe(200);
  });

  it('is 409 for a person, 422 without an enterprise number or outside BE/NL, 404 for an unknown customer', async () => {
    const person = await call('POST', '/v1/customers', { customerNumber: 'E-4', firstName: 'Ann', lastName: 'Peeters' });
    const asPerson = await call('POST', `/v1/customers/${person.body.id}/enrich`);
    expect(asPerson.status).toBe(409);
    expect(asPerson.body.code).toBe('CUSTOMER.NOT_A_COMPANY');

    const numberless = await createBare('E-5', null);
    expect((await call('POST', `/v1/customers/${numberless}/enrich`)).body).toMatchObject({ code: 'CUSTOMER.NOT_ENRICHABLE', reason: 'NO_ENTERPRISE_NUMBER' });

    const french = await createBare('E-6', '552100554', { country: 'FR', address: '1 rue de Rivoli', city: 'Paris' });
    expect((await call('POST', `/v1/customers/${french}/enrich`)).body).toMatchObject({ code: 'CUSTOMER.NOT_ENRICHABLE', reason: 'NO_REGISTRY' });

    expect((await call('POST', '/v1/customers/0193a5c2-6f3e-7c41-9d2a-5b8e1f0c3a47/enrich')).status).toBe(404);
  });

  it('changes nothing when the registry cannot answer', async () => {
    const id = await createBare('E-7', OFFLINE[2]);
    vies.setAnswer('BE', OFFLINE[2], { kind: 'envelope', error: 'MS_UNAVAILABLE', status: 200 });
    const { status } = await call('POST', `/v1/customers/${id}/enrich`);
    expect(status).toBe(503);
    expect((await call('GET', `/v1/customers/${id}`)).body.version).toBe(1);
  });
});
