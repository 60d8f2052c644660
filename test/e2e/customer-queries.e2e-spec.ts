import 'reflect-metadata';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { type CommandMeta, type CustomerCommand, CustomerFacade, newCustomerId } from '@cm/customer';
import { ApiKeyService, loadConfig, OrganizationService } from '@cm/platform';
import { createApp } from '../../apps/api/src/bootstrap';
import { API_MIGRATIONS } from '../../apps/api/src/contexts';
import { buildCliIfMissing, runCli } from '../setup/cli-process';
import { createTestDatabase, type TestDatabase } from '../setup/test-database';

/**
 * The customer queries as clients use them: over HTTP against the API app, and
 * the operator's `customer history` command as a child process. Customers are
 * written through the customer context's facade (the command handler), in the
 * app's own process, so the queries read what the real write path wrote.
 */

const MASTER_KEY = randomBytes(32).toString('hex');

interface Org {
  readonly name: string;
  readonly key: string;
  readonly organizationId: string;
}

let t: TestDatabase;
let app: NestExpressApplication;
let base: string;
let dataDir: string;
let facade: CustomerFacade;
let acme: Org;
let globex: Org;

const meta: CommandMeta = { actor: { type: 'user', id: 'e2e-tester' }, correlationId: randomUUID() };
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  buildCliIfMissing();
  dataDir = mkdtempSync(join(tmpdir(), 'cm-queries-e2e-'));
  t = await createTestDatabase(API_MIGRATIONS);
  const organizations = new OrganizationService(t.database);
  const keys = new ApiKeyService(t.database);
  const org = async (name: string): Promise<Org> => {
    await organizations.createOrganization(name);
    const { key, organizationId } = await keys.createApiKey(name);
    return { name, key, organizationId };
  };
  acme = await org('acme');
  globex = await org('globex');

  const config = { ...loadConfig({ MASTER_KEY, DATA_DIR: dataDir }), logLevel: 'error' as const };
  app = await createApp({ database: t.database, config, logger: false });
  await app.listen(0, '127.0.0.1');
  base = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
  facade = app.get(CustomerFacade);
}, 240_000);

afterAll(async () => {
  await app?.close();
  await t?.drop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** Runs a command as the write path does; returns the customer id. */
async function execute(org: Org, command: CustomerCommand): Promise<string> {
  return (await facade.execute(org.organizationId, command, meta)).customerId;
}

async function createPerson(org: Org, fields: Omit<Extract<CustomerCommand, { type: 'CreatePersonCustomer' }>, 'type' | 'customerId'>) {
  return execute(org, { type: 'CreatePersonCustomer', customerId: newCustomerId(), ...fields });
}

async function get(org: Org, path: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${base}${path}`, { headers: { authorization: `Bearer ${org.key}`, ...headers } });
}

async function getJson<T = any>(org: Org, path: string): Promise<T> {
  const response = await get(org, path);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  return (await response.json()) as T;
}

async function expectProblem(response: Response, status: number, code?: string): Promise<Record<string, any>> {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  const body = (await response.json()) as Record<string, any>;
  expect(body).toMatchObject({ status, title: expect.any(String), detail: expect.any(String) });
  if (code) expect(body.code).toBe(code);
  return body;
}

interface Page {
  readonly items: Array<Record<string, any>>;
  readonly nextCursor: string | null;
}

const numbersOf = (page: Page) => page.items.map((c) => c.customerNumber);

describe('GET /v1/customers/{id}', () => {
  it('returns the customer written a moment ago, with its version as ETag; If-None-Match answers 304', async () => {
    const id = await createPerson(acme, { customerNumber: 'G-1', firstName: 'Ann', lastName: 'Peeters', email: 'ann@example.be' });
    const first = await get(acme, `/v1/customers/${id}`);
    expect(first.status).toBe(200);
    expect(first.headers.get('etag')).toBe('"1"');
    expect(await first.json()).toEqual({
      id,
      type: 'person',
      customerNumber: 'G-1',
      firstName: 'Ann',
      lastName: 'Peeters',
      companyName: null,
      enterpriseNumber: null,
      vatNumber: null,
      email: 'ann@example.be',
      mobile: null,
      language: 'en',
      address: null,
      zip: null,
      city: null,
      country: null,
      status: 'active',
      version: 1,
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      updatedAt: expect.any(String),
    });

    for (const ifNoneMatch of ['"1"', 'W/"1"', '"7", "1"', '*']) {
      const unchanged = await get(acme, `/v1/customers/${id}`, { 'if-none-match': ifNoneMatch });
      expect(unchanged.status).toBe(304);
      expect(unchanged.headers.get('etag')).toBe('"1"');
      expect(await unchanged.text()).toBe('');
    }

    await execute(acme, { type: 'ChangeCustomerDetails', customerId: id, email: 'ann.peeters@example.be' });
    const changed = await get(acme, `/v1/customers/${id}`, { 'if-none-match': '"1"' });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).toBe('"2"');
    expect(await changed.json()).toMatchObject({ email: 'ann.peeters@example.be', version: 2 });
  });

  it('answers 404 problem+json for a non-UUID, an unknown id and another organization\'s customer', async () => {
    const id = await createPerson(acme, { customerNumber: 'G-2', firstName: 'Bo', lastName: 'Maes' });
    for (const path of ['/v1/customers/not-a-uuid', `/v1/customers/${newCustomerId()}`]) {
      await expectProblem(await get(acme, path), 404, 'CUSTOMER.NOT_FOUND');
    }
    const body = await expectProblem(await get(globex, `/v1/customers/${id}`), 404, 'CUSTOMER.NOT_FOUND');
    expect(JSON.stringify(body)).not.toContain('Maes');
  });

  it('answers 401 without an API key', async () => {
    await expectProblem(await fetch(`${base}/v1/customers/${newCustomerId()}`), 401);
  });
});

describe('GET /v1/customers/{id}?at= (time travel)', () => {
  let id: string;
  let times: string[];

  beforeAll(async () => {
    id = await createPerson(acme, { customerNumber: 'T-1', firstName: 'Jérôme', lastName: 'Peeters', address: { city: 'Gent', country: 'BE' } });
    await pause(10);
    await execute(acme, { type: 'ChangeCustomerDetails', customerId: id, email: 'jerome@example.be' });
    await pause(10);
    await execute(acme, { type: 'ArchiveCustomer', customerId: id });
    times = (await getJson<Array<{ recordedAt: string }>>(acme, `/v1/customers/${id}/history`)).map((e) => e.recordedAt);
  });

  it('shows the customer as it was at a version, in the same shape', async () => {
    const now = await getJson(acme, `/v1/customers/${id}`);
    const v1 = await getJson(acme, `/v1/customers/${id}?at=1`);
    expect(v1).toEqual({ ...now, email: null, status: 'active', version: 1, updatedAt: times[0] });
    expect(v1.createdAt).toBe(times[0]);
    expect(await getJson(acme, `/v1/customers/${id}?at=2`)).toEqual({ ...now, status: 'active', version: 2, updatedAt: times[1] });
    expect(await getJson(acme, `/v1/customers/${id}?at=3`)).toEqual(now);
  });

  it('shows the customer as it was at an instant (ISO 8601 with a zone)', async () => {
    expect(await getJson(acme, `/v1/customers/${id}?at=${encodeURIComponent(times[0])}`)).toMatchObject({ version: 1, email: null });
    const justBeforeArchive = new Date(Date.parse(times[2]) - 1).toISOString();
    expect(await getJson(acme, `/v1/customers/${id}?at=${justBeforeArchive}`)).toMatchObject({ version: 2, status: 'active' });
    // The same instant in another zone, its `+` sent unencoded (it arrives as a space).
    const plusOne = new Date(Date.parse(times[1]) + 3_600_000).toISOString().replace('Z', '+01:00');
    expect(await getJson(acme, `/v1/customers/${id}?at=${plusOne}`)).toMatchObject({ version: 2 });
    expect(await getJson(acme, `/v1/customers/${id}?at=2999-01-01T00:00:00Z`)).toMatchObject({ version: 3, status: 'archived' });
  });

  it('answers 404 before the creation, at version 0, past the latest version, and for another organization', async () => {
    const before = new Date(Date.parse(times[0]) - 1).toISOString();
    for (const at of [before, '0', '4']) {
      const body = await expectProblem(await get(acme, `/v1/customers/${id}?at=${at}`), 404, 'CUSTOMER.NOT_FOUND');
      expect(body.detail).toContain('did not exist at');
    }
    await expectProblem(await get(globex, `/v1/customers/${id}?at=1`), 404, 'CUSTOMER.NOT_FOUND');
  });

  it('answers 400 for an `at` that is neither a version nor an instant with a zone', async () => {
    for (const at of ['yesterday', '-1', '1.5', '2026-11-25', '2026-11-25T10:00:00', '2026-02-30T10:00:00Z']) {
      const body = await expectProblem(await get(acme, `/v1/customers/${id}?at=${at}`), 400, 'REQUEST.VALIDATION_FAILED');
      expect(body.errors).toEqual([expect.objectContaining({ field: 'at' })]);
    }
  });
});

describe('GET /v1/customers (list, filters, search)', () => {
  const org: Org = { name: 'lister', key: '', organizationId: '' };
  const created: string[] = [];

  beforeAll(async () => {
    await new OrganizationService(t.database).createOrganization(org.name);
    const { key, organizationId } = await new ApiKeyService(t.database).createApiKey(org.name);
    Object.assign(org, { key, organizationId });

    const add = async (command: CustomerCommand) => created.push(await execute(org, command));
    await add({
      type: 'CreatePersonCustomer',
      customerId: newCustomerId(),
      customerNumber: 'L-JEROME',
      firstName: 'Jérôme',
      lastName: 'Peeters',
      email: 'jerome.peeters@example.be',
      address: { country: 'BE' },
    });
    await add({
      type: 'CreateCompanyCustomer',
      customerId: newCustomerId(),
      customerNumber: 'L-ACME',
      companyName: 'Acme NV',
      enterpriseNumber: '0403.019.261',
      address: { country: 'BE' },
    });
    await add({ type: 'CreatePersonCustomer', customerId: newCustomerId(), customerNumber: 'L-MARIE', firstName: 'Marie', lastName: 'Dubois', address: { country: 'FR' } });
    await add({ type: 'CreatePersonCustomer', customerId: newCustomerId(), customerNumber: 'L-JAN', firstName: 'Jan', lastName: 'Janssens', address: { country: 'NL' } });
    for (let i = 0; i < 56; i++) {
      await add({ type: 'CreatePersonCustomer', customerId: newCustomerId(), customerNumber: `L-${String(i).padStart(3, '0')}`, firstName: 'Fill', lastName: `Er${i}` });
    }
    await execute(org, { type: 'ArchiveCustomer', customerId: created[2] });
    await execute(org, { type: 'ForgetCustomer', customerId: created[3] });
  }, 120_000);

  const list = (query = '', who: Org = org) => getJson<Page>(who, `/v1/customers${query ? `?${query}` : ''}`);

  it('pages 50 by default, in creation order, with an opaque cursor', async () => {
    const page = await list();
    expect(page.items).toHaveLength(50);
    expect(page.items.map((c) => c.id)).toEqual(created.slice(0, 50));
    expect(page.nextCursor).toMatch(/^[A-Za-z0-9_-]+$/);
    const rest = await list(`cursor=${page.nextCursor}`);
    expect(rest.items.map((c) => c.id)).toEqual(created.slice(50));
    expect(rest.nextCursor).toBeNull();
  });

  it('walks every page without a duplicate or a gap', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: Page = await list(`limit=7${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.items.map((c) => c.id));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(9);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(created);
    expect((await list('limit=500')).items).toHaveLength(60);
  });

  it('filters exactly on customer number, type, status and country (any case), together', async () => {
    expect(numbersOf(await list('customerNumber=L-ACME'))).toEqual(['L-ACME']);
    expect(numbersOf(await list('type=company'))).toEqual(['L-ACME']);
    expect(numbersOf(await list('status=archived'))).toEqual(['L-MARIE']);
    expect(numbersOf(await list('status=forgotten'))).toEqual(['L-JAN']);
    expect(numbersOf(await list('country=be'))).toEqual(['L-JEROME', 'L-ACME']);
    expect(numbersOf(await list('country=BE&type=person&status=active'))).toEqual(['L-JEROME']);
    expect(numbersOf(await list('country=FR&status=active'))).toEqual([]);
    expect((await list('status=active&limit=500')).items).toHaveLength(58);
  });

  it.each([
    ['accents folded: jerome finds Jérôme', 'jerome', ['L-JEROME']],
    ['case folded', 'JÉRÔME', ['L-JEROME']],
    ['a prefix: pee finds Peeters', 'pee', ['L-JEROME']],
    ['prefixes of two fields', 'jer pee', ['L-JEROME']],
    ['the whole e-mail', 'jerome.peeters@example.be', ['L-JEROME']],
    ['the e-mail domain', 'example.be', ['L-JEROME']],
    ['the customer number', 'l-marie', ['L-MARIE']],
    ['the company name', 'acme', ['L-ACME']],
    ['the enterprise number', '0403019261', ['L-ACME']],
    ['the enterprise number with dots', '0403.019.261', ['L-ACME']],
    ['a forgotten customer by its erased name: nothing', 'janssens', []],
    ['tsquery syntax, taken as plain words', "acme & !'nv | (", ['L-ACME']],
  ])('searches with q: %s', async (_what, q, expected) => {
    expect(numbersOf(await list(`q=${encodeURIComponent(q)}`))).toEqual(expected);
  });

  it('combines the search with filters and pages', async () => {
    const first = await list('q=fill&limit=30');
    const second = await list(`q=fill&limit=30&cursor=${first.nextCursor}`);
    expect([...numbersOf(first), ...numbersOf(second)]).toEqual(Array.from({ length: 56 }, (_, i) => `L-${String(i).padStart(3, '0')}`));
    expect(second.nextCursor).toBeNull();
    expect(numbersOf(await list('q=fill&country=BE'))).toEqual([]);
  });

  it('answers 400 problem+json for bad parameters, listing each', async () => {
    const cases: Array<[string, string[]]> = [
      ['limit=501', ['limit']],
      ['limit=0', ['limit']],
      ['limit=ten', ['limit']],
      ['cursor=bm90LWEtY3Vyc29y', ['cursor']],
      ['cursor=%2F%2F', ['cursor']],
      ['type=robot', ['type']],
      ['status=deleted', ['status']],
      ['country=BEL', ['country']],
      ['color=red', ['color']],
      ['limit=9999&type=x&cursor=x', ['limit', 'type', 'cursor']],
    ];
    for (const [query, fields] of cases) {
      const body = await expectProblem(await get(org, `/v1/customers?${query}`), 400, 'REQUEST.VALIDATION_FAILED');
      expect([...new Set((body.errors as Array<{ field: string }>).map((e) => e.field))].sort()).toEqual([...fields].sort());
    }
  });
});

describe('tenant isolation', () => {
  it('never shows one organization\'s customers to another: get, list, search, history', async () => {
    const acmeId = await createPerson(acme, { customerNumber: 'ISO-1', firstName: 'Zoë', lastName: 'Isolde', email: 'zoe@acme.example' });
    const globexId = await createPerson(globex, { customerNumber: 'ISO-1', firstName: 'Zoë', lastName: 'Isolde', email: 'zoe@globex.example' });

    const globexAll = await getJson<Page>(globex, '/v1/customers?limit=500');
    expect(globexAll.items.map((c) => c.id)).not.toContain(acmeId);
    expect((await getJson<Page>(globex, '/v1/customers?q=zoe')).items.map((c) => c.id)).toEqual([globexId]);
    expect((await getJson<Page>(globex, '/v1/customers?q=acme.example')).items).toEqual([]);
    expect((await getJson<Page>(globex, '/v1/customers?customerNumber=ISO-1')).items.map((c) => c.id)).toEqual([globexId]);
    expect((await getJson<Page>(acme, '/v1/customers?customerNumber=ISO-1')).items.map((c) => c.id)).toEqual([acmeId]);

    await expectProblem(await get(globex, `/v1/customers/${acmeId}`), 404, 'CUSTOMER.NOT_FOUND');
    await expectProblem(await get(globex, `/v1/customers/${acmeId}?at=1`), 404, 'CUSTOMER.NOT_FOUND');
    await expectProblem(await get(globex, `/v1/customers/${acmeId}/history`), 404, 'CUSTOMER.NOT_FOUND');

    // A cursor is only an id: one from another organization pages this one's own customers.
    const acmePage = await getJson<Page>(acme, '/v1/customers?limit=1');
    const after = await getJson<Page>(globex, `/v1/customers?cursor=${acmePage.nextCursor}&limit=500`);
    expect(after.items.every((c) => !c.email?.endsWith('@acme.example'))).toBe(true);
  });
});

describe('GET /v1/customers/{id}/history', () => {
  let companyId: string;

  beforeAll(async () => {
    companyId = await execute(acme, {
      type: 'CreateCompanyCustomer',
      customerId: newCustomerId(),
      customerNumber: 'H-ACME',
      companyName: 'Acme NV',
      enterpriseNumber: '0403019261',
      firstName: 'Jan',
      lastName: 'Janssens',
      email: 'jan@acme.be',
      address: { line: 'Kerkstraat 1', zip: '9000', city: 'Gent', country: 'BE' },
    });
    await execute(acme, { type: 'ChangeCustomerDetails', customerId: companyId, email: 'billing@acme.be', language: 'nl' });
    await execute(acme, { type: 'ChangeCustomerNumber', customerId: companyId, customerNumber: 'H-ACME-2' });
    await execute(acme, { type: 'ChangeCustomerDetails', customerId: companyId, companyName: null });
    await execute(acme, { type: 'ArchiveCustomer', customerId: companyId });
    await execute(acme, { type: 'RestoreCustomer', customerId: companyId });
  });

  it('lists every event oldest first, with actor, correlation id and field changes', async () => {
    const history = await getJson<Array<Record<string, any>>>(acme, `/v1/customers/${companyId}/history`);
    expect(history.map((e) => [e.version, e.eventType])).toEqual([
      [1, 'CompanyCustomerCreated'],
      [2, 'CustomerDetailsChanged'],
      [3, 'CustomerNumberChanged'],
      [4, 'CompanyBecamePerson'],
      [5, 'CustomerArchived'],
      [6, 'CustomerRestored'],
    ]);
    expect(history[0]).toMatchObject({ actor: { type: 'user', id: 'e2e-tester' }, correlationId: meta.correlationId, recordedAt: expect.any(String) });
    expect(history[0].changes).toEqual(
      expect.arrayContaining([
        { field: 'type', from: null, to: 'company' },
        { field: 'companyName', from: null, to: 'Acme NV' },
        { field: 'email', from: null, to: 'jan@acme.be' },
        { field: 'city', from: null, to: 'Gent' },
      ]),
    );
    expect(history[0].changes.map((c: { field: string }) => c.field)).not.toContain('vatNumber');
    expect(history[1].changes).toEqual([
      { field: 'email', from: 'jan@acme.be', to: 'billing@acme.be' },
      { field: 'language', from: 'en', to: 'nl' },
    ]);
    expect(history[2].changes).toEqual([{ field: 'customerNumber', from: 'H-ACME', to: 'H-ACME-2' }]);
    expect(history[3].changes).toEqual([
      { field: 'type', from: 'company', to: 'person' },
      { field: 'companyName', from: 'Acme NV', to: null },
      { field: 'enterpriseNumber', from: '0403019261', to: null },
    ]);
    expect(history[4].changes).toEqual([{ field: 'status', from: 'active', to: 'archived' }]);
    expect(history[5].changes).toEqual([{ field: 'status', from: 'archived', to: 'active' }]);
  });

  it('shows personal values as erased after the customer is forgotten, keeping the rest', async () => {
    await execute(acme, { type: 'ForgetCustomer', customerId: companyId });
    const history = await getJson<Array<Record<string, any>>>(acme, `/v1/customers/${companyId}/history`);
    expect(history.at(-1)).toMatchObject({ eventType: 'CustomerForgotten', version: 7, changes: [{ field: 'status', from: 'active', to: 'forgotten' }] });
    expect(history[0].changes).toEqual(
      expect.arrayContaining([
        { field: 'firstName', from: null, to: null, erased: true },
        { field: 'email', from: null, to: null, erased: true },
        { field: 'address', from: null, to: null, erased: true },
        { field: 'companyName', from: null, to: 'Acme NV' },
        { field: 'country', from: null, to: 'BE' },
      ]),
    );
    expect(history[1].changes).toEqual([
      { field: 'email', from: null, to: null, erased: true },
      { field: 'language', from: 'en', to: 'nl' },
    ]);
    expect(JSON.stringify(history)).not.toMatch(/Janssens|jan@acme|billing@acme|Kerkstraat/);
    expect(await getJson(acme, `/v1/customers/${companyId}?at=2`)).toMatchObject({ email: null, firstName: null, companyName: 'Acme NV', version: 2 });
  });

  it('answers 404 for an unknown id and a non-UUID', async () => {
    await expectProblem(await get(acme, `/v1/customers/${newCustomerId()}/history`), 404, 'CUSTOMER.NOT_FOUND');
    await expectProblem(await get(acme, '/v1/customers/H-ACME/history'), 404, 'CUSTOMER.NOT_FOUND');
  });
});

describe('OpenAPI', () => {
  it('documents the query endpoints, their parameters and the history\'s erased marker', async () => {
    const document = (await (await fetch(`${base}/docs-json`)).json()) as Record<string, any>;
    const list = document.paths['/v1/customers']?.get;
    expect(list?.security).toEqual([{ 'api-key': [] }]);
    expect(list.parameters.map((p: { name: string }) => p.name).sort()).toEqual(['country', 'cursor', 'customerNumber', 'limit', 'q', 'status', 'type']);
    expect(document.paths['/v1/customers/{id}']?.get?.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['id', 'at', 'If-None-Match']),
    );
    expect(document.paths['/v1/customers/{id}/history']?.get?.responses['200']).toBeDefined();
    expect(JSON.stringify(document.components.schemas)).toContain('erased');
  });
});

describe('CLI: customer history', () => {
  let personId: string;

  const cli = (...args: string[]) => runCli({ databaseUrl: t.url, masterKey: MASTER_KEY, dataDir }, ...args);

  const lines = (text: string) => text.split('\n').filter((line) => line.trim() !== '');

  beforeAll(async () => {
    personId = await createPerson(acme, { customerNumber: 'CLI-1', firstName: 'Ann', lastName: 'Claes', email: 'ann@claes.be' });
    await execute(acme, { type: 'ChangeCustomerDetails', customerId: personId, email: 'ann.claes@claes.be' });
    await createPerson(acme, { customerNumber: 'CLI-SHARED', firstName: 'A', lastName: 'Acme' });
    await createPerson(globex, { customerNumber: 'CLI-SHARED', firstName: 'G', lastName: 'Globex' });
  });

  it('prints the trail as a table: version, time, event type, actor, changes', async () => {
    const result = await cli('customer', 'history', personId);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toContain(`Customer ${personId} (CLI-1) in acme: 2 events`);
    expect(result.stdout).toMatch(/version.*time.*event type.*actor.*changes/);
    expect(result.stdout).toMatch(/│ 1 +│ \d{4}-\d\d-\d\dT\S+Z │ PersonCustomerCreated +│ user:e2e-tester │ type: \(empty\) -> person/);
    expect(result.stdout).toContain('lastName: (empty) -> Claes');
    expect(result.stdout).toMatch(/│ 2 +│ .* CustomerDetailsChanged .* email: ann@claes\.be -> ann\.claes@claes\.be/);
  });

  it('finds a customer by customer number; several organizations need --org', async () => {
    const byNumber = await cli('customer', 'history', 'CLI-1');
    expect(byNumber.code).toBe(0);
    expect(byNumber.stdout).toContain(`Customer ${personId} (CLI-1) in acme`);

    const ambiguous = await cli('customer', 'history', 'CLI-SHARED');
    expect(ambiguous.code).toBe(1);
    expect(ambiguous.stdout).toBe('');
    expect(lines(ambiguous.stderr)).toEqual(['error: Several organizations have a customer "CLI-SHARED": acme, globex. Choose one with --org <name>']);

    const chosen = await cli('customer', 'history', 'CLI-SHARED', '--org', 'globex');
    expect(chosen.code).toBe(0);
    expect(chosen.stdout).toContain('(CLI-SHARED) in globex: 1 event');
    expect(chosen.stdout).toContain('lastName: (empty) -> Globex');
  });

  it('shows erased values as [erased] once the customer is forgotten', async () => {
    const id = await createPerson(acme, { customerNumber: 'CLI-GONE', firstName: 'Eve', lastName: 'Gone', email: 'eve@gone.be' });
    await execute(acme, { type: 'ForgetCustomer', customerId: id });
    const result = await cli('customer', 'history', 'CLI-GONE', '--org', 'acme');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('firstName: [erased]');
    expect(result.stdout).toContain('email: [erased]');
    expect(result.stdout).toContain('customerNumber: (empty) -> CLI-GONE');
    expect(result.stdout).toContain('status: active -> forgotten');
    expect(result.stdout).not.toMatch(/Eve|eve@gone/);

    const json = await cli('customer', 'history', id, '--json');
    expect(JSON.parse(json.stdout)).toEqual(await getJson(acme, `/v1/customers/${id}/history`));
  });

  it('reports an unknown customer or organization with a plain message and exit 1', async () => {
    for (const args of [['NOPE-404'], [newCustomerId()], ['CLI-1', '--org', 'globex']]) {
      const result = await cli('customer', 'history', ...args);
      expect(result.code).toBe(1);
      expect(result.stdout).toBe('');
      expect(lines(result.stderr)).toEqual([expect.stringMatching(/^error: No customer "[^"]+"( in organization globex)?$/)]);
    }
    const noOrg = await cli('customer', 'history', 'CLI-1', '--org', 'nobody');
    expect(noOrg.code).toBe(1);
    expect(lines(noOrg.stderr)).toEqual(['error: No organization named "nobody"']);
  });
});
