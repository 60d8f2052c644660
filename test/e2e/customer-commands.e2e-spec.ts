import 'reflect-metadata';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { sql } from 'kysely';
import { ApiKeyService, IdempotencyStore, loadConfig, OrganizationService, requestFingerprint } from '@cm/platform';
import { createApp } from '../../apps/api/src/bootstrap';
import { API_MIGRATIONS } from '../../apps/api/src/contexts';
import { createTestDatabase, type TestDatabase } from '../setup/test-database';

interface Org {
  readonly key: string;
  readonly organizationId: string;
  readonly apiKeyId: string;
}

type Json = Record<string, unknown>;

interface Call {
  readonly status: number;
  readonly headers: Headers;
  readonly body: Json;
}

let t: TestDatabase;
let dataDir: string;
let app: NestExpressApplication;
let base: string;
let acme: Org;
let globex: Org;

beforeAll(async () => {
  t = await createTestDatabase(API_MIGRATIONS);
  dataDir = await mkdtemp(join(tmpdir(), 'cm-customer-commands-'));
  const organizations = new OrganizationService(t.database);
  const keys = new ApiKeyService(t.database);
  await organizations.createOrganization('acme');
  await organizations.createOrganization('globex');
  const a = await keys.createApiKey('acme');
  const g = await keys.createApiKey('globex');
  acme = { key: a.key, organizationId: a.organizationId, apiKeyId: a.id };
  globex = { key: g.key, organizationId: g.organizationId, apiKeyId: g.id };

  const config = { ...loadConfig({ MASTER_KEY: randomBytes(32).toString('hex'), DATA_DIR: dataDir }), logLevel: 'error' as const };
  app = await createApp({ database: t.database, config, logger: false });
  await app.listen(0, '127.0.0.1');
  base = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
});

afterAll(async () => {
  await app?.close();
  await t?.drop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

/** One HTTP call with an organization's key; a `body` that is a string is sent as is. */
async function call(
  method: string,
  path: string,
  options: { org?: Org; body?: unknown; headers?: Record<string, string> } = {},
): Promise<Call> {
  const org = options.org ?? acme;
  const headers: Record<string, string> = { authorization: `Bearer ${org.key}`, ...options.headers };
  let body: string | undefined;
  if (options.body !== undefined) {
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  }
  const response = await fetch(`${base}${path}`, { method, headers, body });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? (JSON.parse(text) as Json) : {} };
}

const post = (path: string, body?: unknown, options: { org?: Org; headers?: Record<string, string> } = {}) =>
  call('POST', path, { ...options, body });
const patch = (id: string, body: unknown, options: { org?: Org; headers?: Record<string, string> } = {}) =>
  call('PATCH', `/v1/customers/${id}`, { ...options, body });
const put = (number: string, body: unknown, options: { org?: Org; headers?: Record<string, string> } = {}) =>
  call('PUT', `/v1/customers/by-number/${encodeURIComponent(number)}`, { ...options, body });

function expectProblem(response: Call, status: number, code?: string): Json {
  expect({ status: response.status, body: response.body }).toMatchObject({ status, body: { status } });
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(response.body).toMatchObject({ type: expect.any(String), title: expect.any(String), detail: expect.any(String) });
  if (code) expect(response.body.code).toBe(code);
  return response.body;
}

const fieldCodes = (problem: Json): string[] =>
  (problem.errors as { field: string; code: string; message: string }[]).map((e) => `${e.field}:${e.code}`).sort();

/** Creates a person and returns its body. */
async function createPerson(extra: Json = {}, org: Org = acme): Promise<Json> {
  const response = await post('/v1/customers', { firstName: 'Jérôme', lastName: 'Peeters', ...extra }, { org });
  expect(response.status).toBe(201);
  return response.body;
}

async function eventCount(org: Org = acme): Promise<number> {
  const { rows } = await sql<{ n: string }>`
    SELECT count(*) AS n FROM event_store.events WHERE tenant_id = ${org.organizationId}::uuid`.execute(t.database.db);
  return Number(rows[0].n);
}

async function customerCount(org: Org = acme): Promise<number> {
  const { rows } = await sql<{ n: string }>`
    SELECT count(*) AS n FROM customer.customers WHERE tenant_id = ${org.organizationId}::uuid`.execute(t.database.db);
  return Number(rows[0].n);
}

async function streamEvents(id: string, org: Org = acme): Promise<{ type: string; metadata: Json; data: Json }[]> {
  const { rows } = await sql<{ type: string; metadata: Json; data: Json }>`
    SELECT type, metadata, data FROM event_store.events
    WHERE tenant_id = ${org.organizationId}::uuid AND stream_id = ${`customer-${id}`} ORDER BY version`.execute(t.database.db);
  return rows;
}

/** Runs `work` and checks that it wrote no event and no customer row, in any organization. */
async function expectNothingWritten(work: () => Promise<void>): Promise<void> {
  const before = [await eventCount(acme), await eventCount(globex), await customerCount(acme), await customerCount(globex)];
  await work();
  expect([await eventCount(acme), await eventCount(globex), await customerCount(acme), await customerCount(globex)]).toEqual(before);
}

const uniqueNumber = (prefix = 'N') => `${prefix}-${randomUUID().slice(0, 8)}`;

const CUSTOMER_KEYS = [
  'id', 'type', 'customerNumber', 'firstName', 'lastName', 'companyName', 'enterpriseNumber', 'vatNumber', 'email', 'mobile',
  'language', 'address', 'zip', 'city', 'country', 'status', 'version', 'createdAt', 'updatedAt',
].sort();

describe('POST /v1/customers', () => {
  it('creates a person: 201, Location, ETag and the customer as stored', async () => {
    const number = uniqueNumber('P');
    const response = await post('/v1/customers', {
      customerNumber: number,
      firstName: ' Jérôme ',
      lastName: 'Peeters',
      email: 'jerome@example.com',
      mobile: '+32 470 12 34 56',
      language: 'nl_nl',
      address: 'Kerkstraat 1',
      zip: '9000',
      city: 'Gent',
      country: 'be',
    });
    expect(response.status).toBe(201);
    const id = response.body.id as string;
    expect(Object.keys(response.body).sort()).toEqual(CUSTOMER_KEYS);
    expect(response.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
      type: 'person',
      customerNumber: number,
      firstName: 'Jérôme',
      lastName: 'Peeters',
      companyName: null,
      enterpriseNumber: null,
      vatNumber: null,
      email: 'jerome@example.com',
      mobile: '+32470123456',
      language: 'nl',
      address: 'Kerkstraat 1',
      zip: '9000',
      city: 'Gent',
      country: 'BE',
      status: 'active',
      version: 1,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    expect(response.headers.get('location')).toBe(`/v1/customers/${id}`);
    expect(response.headers.get('etag')).toBe('"1"');
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect((await streamEvents(id)).map((e) => e.type)).toEqual(['PersonCustomerCreated']);
  });

  it('records the API key, request id and correlation id on the event, and echoes the ids', async () => {
    const requestId = `req-${randomUUID()}`;
    const correlationId = `corr-${randomUUID()}`;
    const response = await post(
      '/v1/customers',
      { firstName: 'An', lastName: 'Claes' },
      { headers: { 'x-request-id': requestId, 'x-correlation-id': correlationId } },
    );
    expect(response.status).toBe(201);
    expect(response.headers.get('x-request-id')).toBe(requestId);
    expect(response.headers.get('x-correlation-id')).toBe(correlationId);
    const [event] = await streamEvents(response.body.id as string);
    expect(event.metadata).toMatchObject({ actor: { type: 'api-key', id: acme.apiKeyId }, requestId, correlationId });
  });

  it('makes up request and correlation ids when none are sent', async () => {
    const response = await post('/v1/customers', { firstName: 'An', lastName: 'Claes' });
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    const requestId = response.headers.get('x-request-id') ?? '';
    const correlationId = response.headers.get('x-correlation-id') ?? '';
    expect(requestId).toMatch(uuid);
    expect(correlationId).toMatch(uuid);
    const [event] = await streamEvents(response.body.id as string);
    expect(event.metadata).toMatchObject({ requestId, correlationId });
  });

  it('echoes the trace ids on errors too', async () => {
    const response = await post('/v1/customers', { nickname: 'x' }, { headers: { 'x-request-id': 'failing-request' } });
    expectProblem(response, 400);
    expect(response.headers.get('x-request-id')).toBe('failing-request');
  });

  it('makes a company when companyName is given without a type', async () => {
    const response = await post('/v1/customers', { companyName: 'Acme NV', enterpriseNumber: '0403.019.261', country: 'BE' });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ type: 'company', companyName: 'Acme NV', enterpriseNumber: '0403019261', country: 'BE' });
    expect((await streamEvents(response.body.id as string)).map((e) => e.type)).toEqual(['CompanyCustomerCreated']);
  });

  it('makes a person without companyName, and follows an explicit type', async () => {
    expect((await createPerson()).type).toBe('person');
    const company = await post('/v1/customers', { type: 'company', companyName: 'Globex BV', firstName: 'Contact', lastName: 'Person' });
    expect(company.body).toMatchObject({ type: 'company', companyName: 'Globex BV', firstName: 'Contact' });
  });

  it('refuses a type that contradicts the fields, with every problem listed', async () => {
    await expectNothingWritten(async () => {
      const noName = expectProblem(await post('/v1/customers', { type: 'company', email: 'x@example.com' }), 400, 'CUSTOMER.VALIDATION_FAILED');
      expect(fieldCodes(noName)).toEqual(['companyName:REQUIRED']);
      const person = expectProblem(
        await post('/v1/customers', { type: 'person', companyName: 'Acme', vatNumber: 'BE0403019261', email: 'bad' }),
        400,
        'CUSTOMER.VALIDATION_FAILED',
      );
      expect(fieldCodes(person)).toEqual([
        'companyName:COMPANY_ONLY',
        'email:INVALID_FORMAT',
        'firstName:REQUIRED',
        'lastName:REQUIRED',
        'vatNumber:COMPANY_ONLY',
      ]);
    });
  });

  it('accepts the Twikey spellings', async () => {
    const response = await post('/v1/customers', {
      customerNumber: uniqueNumber('T'),
      firstname: 'Els',
      lastname: 'Maes',
      companyName: 'Maes BV',
      coc: '0403.019.261',
      vatno: 'BE 0403.019.261',
      l: 'fr_fr',
      address: 'Markt 2',
      zip: '8000',
      city: 'Brugge',
      country: 'BE',
    });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      type: 'company',
      firstName: 'Els',
      lastName: 'Maes',
      enterpriseNumber: '0403019261',
      vatNumber: expect.stringMatching(/^BE0?403019261$/),
      language: 'fr',
      address: 'Markt 2',
    });
    const lang = await post('/v1/customers', { firstname: 'Els', lastname: 'Maes', lang: 'de' });
    expect(lang.body.language).toBe('de');
  });

  it('accepts both spellings of a field when they agree, refuses them when they differ', async () => {
    const agree = await post('/v1/customers', { firstName: 'Els', firstname: 'Els', lastName: 'Maes', l: 'nl', lang: 'nl' });
    expect(agree.status).toBe(201);
    await expectNothingWritten(async () => {
      const problem = expectProblem(
        await post('/v1/customers', { firstName: 'Els', firstname: 'Elsa', lastName: 'Maes', lang: 'nl', l: 'fr', vatNumber: 'a', vatno: 'b' }),
        400,
        'REQUEST.VALIDATION_FAILED',
      );
      expect(fieldCodes(problem)).toEqual(['firstName:conflictingAliases', 'language:conflictingAliases', 'vatNumber:conflictingAliases']);
    });
  });

  it('refuses unknown fields, listing each', async () => {
    await expectNothingWritten(async () => {
      const problem = expectProblem(
        await post('/v1/customers', { firstName: 'Els', lastName: 'Maes', nickname: 'E', street: 'Markt 2' }),
        400,
        'REQUEST.VALIDATION_FAILED',
      );
      expect(fieldCodes(problem)).toEqual(['nickname:unknownProperty', 'street:unknownProperty']);
    });
  });

  it('lists every field of the wrong type at once', async () => {
    await expectNothingWritten(async () => {
      const problem = expectProblem(
        await post('/v1/customers', { type: 'robot', customerNumber: 12, firstName: 5, email: true, address: { line: 'x' }, country: ['BE'] }),
        400,
        'REQUEST.VALIDATION_FAILED',
      );
      expect(fieldCodes(problem)).toEqual(['address:isString', 'country:isString', 'customerNumber:isString', 'email:isString', 'firstName:isString', 'type:isIn']);
    });
  });

  it('lists every invalid value at once and writes nothing', async () => {
    await expectNothingWritten(async () => {
      const problem = expectProblem(
        await post('/v1/customers', {
          customerNumber: 'x'.repeat(36),
          firstName: 'y'.repeat(141),
          lastName: 'Peeters',
          email: 'not-an-email',
          mobile: '0470123456',
          language: 'klingon',
          zip: 'z'.repeat(17),
          country: 'XX',
        }),
        400,
        'CUSTOMER.VALIDATION_FAILED',
      );
      expect(problem.type).toBe('urn:problem:CUSTOMER.VALIDATION_FAILED');
      expect(fieldCodes(problem)).toEqual([
        'country:UNKNOWN_COUNTRY',
        'customerNumber:TOO_LONG',
        'email:INVALID_FORMAT',
        'firstName:TOO_LONG',
        'language:UNSUPPORTED_LANGUAGE',
        'mobile:INVALID_FORMAT',
        'zip:TOO_LONG',
      ]);
      expect((problem.errors as { message: string }[]).every((e) => e.message.length > 0)).toBe(true);
    });
  });

  it('needs a number or both names for a person', async () => {
    await expectNothingWritten(async () => {
      const problem = expectProblem(await post('/v1/customers', {}), 400, 'CUSTOMER.VALIDATION_FAILED');
      expect(fieldCodes(problem)).toEqual(['firstName:REQUIRED', 'lastName:REQUIRED']);
    });
    const numbered = await post('/v1/customers', { customerNumber: uniqueNumber() });
    expect(numbered.status).toBe(201);
  });

  it('answers malformed JSON with 400, a body over 1 MiB with 413, another media type with 415, writing nothing', async () => {
    await expectNothingWritten(async () => {
      expectProblem(await post('/v1/customers', '{"firstName": '), 400, 'REQUEST.MALFORMED_JSON');
      expectProblem(await post('/v1/customers', { firstName: 'x'.repeat(1024 * 1024), lastName: 'y' }), 413, 'REQUEST.PAYLOAD_TOO_LARGE');
      expectProblem(
        await post('/v1/customers', 'firstName=a&lastName=b', { headers: { 'content-type': 'application/x-www-form-urlencoded' } }),
        415,
        'REQUEST.UNSUPPORTED_MEDIA_TYPE',
      );
    });
  });

  it('answers 401 without a key', async () => {
    const response = await fetch(`${base}/v1/customers`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(response.status).toBe(401);
  });

  it('refuses a taken customer number with 409 naming the customer that has it', async () => {
    const number = uniqueNumber('TAKEN');
    const first = await createPerson({ customerNumber: number });
    await expectNothingWritten(async () => {
      const problem = expectProblem(await post('/v1/customers', { customerNumber: number, firstName: 'Other' }), 409, 'CUSTOMER.NUMBER_TAKEN');
      expect(problem).toMatchObject({ existingCustomerId: first.id, customerNumber: number });
    });
  });

  it('lets exactly one of two concurrent creates with one number win; the other names the winner', async () => {
    const number = uniqueNumber('RACE');
    const before = await eventCount();
    const responses = await Promise.all([
      post('/v1/customers', { customerNumber: number, firstName: 'A', lastName: 'A' }),
      post('/v1/customers', { customerNumber: number, firstName: 'B', lastName: 'B' }),
    ]);
    const created = responses.filter((r) => r.status === 201);
    const refused = responses.filter((r) => r.status === 409);
    expect(created).toHaveLength(1);
    expect(refused).toHaveLength(1);
    expect(expectProblem(refused[0], 409, 'CUSTOMER.NUMBER_TAKEN').existingCustomerId).toBe(created[0].body.id);
    expect(await eventCount()).toBe(before + 1);
  });
});

describe('Idempotency-Key', () => {
  it('replays the first response for the same key and body, without a second event', async () => {
    const key = randomUUID();
    const body = { customerNumber: uniqueNumber('IDEM'), firstName: 'Idem', lastName: 'Potent' };
    const before = await eventCount();
    const first = await post('/v1/customers', body, { headers: { 'idempotency-key': key } });
    expect(first.status).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();

    // Same body with its keys in another order: the same request.
    const reordered = { lastName: body.lastName, firstName: body.firstName, customerNumber: body.customerNumber };
    const again = await post('/v1/customers', reordered, { headers: { 'idempotency-key': key, 'x-request-id': 'the-retry' } });
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('location')).toBe(first.headers.get('location'));
    expect(again.headers.get('etag')).toBe(first.headers.get('etag'));
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.headers.get('x-request-id')).toBe('the-retry');
    expect(await eventCount()).toBe(before + 1);
  });

  it('refuses the same key with another body (409 IDEMPOTENCY.KEY_REUSED), writing nothing', async () => {
    const key = randomUUID();
    expect((await post('/v1/customers', { firstName: 'One', lastName: 'Body' }, { headers: { 'idempotency-key': key } })).status).toBe(201);
    await expectNothingWritten(async () => {
      expectProblem(
        await post('/v1/customers', { firstName: 'Another', lastName: 'Body' }, { headers: { 'idempotency-key': key } }),
        409,
        'IDEMPOTENCY.KEY_REUSED',
      );
    });
  });

  it('answers 409 IDEMPOTENCY.IN_PROGRESS while the first request with the key runs', async () => {
    const key = randomUUID();
    const body = { firstName: 'In', lastName: 'Flight' };
    const store = new IdempotencyStore(t.database.db);
    const claim = await store.claim(acme.organizationId, key, requestFingerprint('POST', '/v1/customers', body));
    expect(claim.kind).toBe('claimed');
    await expectNothingWritten(async () => {
      const response = await post('/v1/customers', body, { headers: { 'idempotency-key': key } });
      expectProblem(response, 409, 'IDEMPOTENCY.IN_PROGRESS');
      expect(response.headers.get('retry-after')).toBe('1');
    });
    if (claim.kind === 'claimed') await store.release(acme.organizationId, key, claim.token);
    expect((await post('/v1/customers', body, { headers: { 'idempotency-key': key } })).status).toBe(201);
  });

  it('runs concurrent duplicates once: the others are replays or 409 in progress', async () => {
    const key = randomUUID();
    const body = { customerNumber: uniqueNumber('DUP'), firstName: 'Dup', lastName: 'Licate' };
    const before = await eventCount();
    const responses = await Promise.all(Array.from({ length: 10 }, () => post('/v1/customers', body, { headers: { 'idempotency-key': key } })));
    const created = responses.filter((r) => r.status === 201);
    expect(created.length).toBeGreaterThanOrEqual(1);
    expect(new Set(created.map((r) => r.body.id)).size).toBe(1);
    for (const r of responses.filter((r) => r.status !== 201)) expectProblem(r, 409, 'IDEMPOTENCY.IN_PROGRESS');
    expect(await eventCount()).toBe(before + 1);
  });

  it('does not keep a failed first response: a corrected retry with the same key goes through', async () => {
    const key = randomUUID();
    expectProblem(await post('/v1/customers', { firstName: 'Only' }, { headers: { 'idempotency-key': key } }), 400, 'CUSTOMER.VALIDATION_FAILED');
    const fixed = await post('/v1/customers', { firstName: 'Only', lastName: 'Once' }, { headers: { 'idempotency-key': key } });
    expect(fixed.status).toBe(201);
    expect(fixed.headers.get('idempotent-replayed')).toBeNull();
  });

  it('keeps keys per organization', async () => {
    const key = randomUUID();
    const a = await post('/v1/customers', { firstName: 'Org', lastName: 'A' }, { headers: { 'idempotency-key': key } });
    const g = await post('/v1/customers', { firstName: 'Org', lastName: 'G' }, { org: globex, headers: { 'idempotency-key': key } });
    expect([a.status, g.status]).toEqual([201, 201]);
    expect(g.body.id).not.toBe(a.body.id);
  });

  it('refuses an unusable key', async () => {
    await expectNothingWritten(async () => {
      expectProblem(
        await post('/v1/customers', { firstName: 'A', lastName: 'B' }, { headers: { 'idempotency-key': 'k'.repeat(256) } }),
        400,
        'IDEMPOTENCY.KEY_INVALID',
      );
    });
  });

  it('works on archive too: the replay repeats the first answer', async () => {
    const customer = await createPerson();
    const key = randomUUID();
    const first = await post(`/v1/customers/${customer.id}/archive`, undefined, { headers: { 'idempotency-key': key } });
    expect(first.status).toBe(200);
    const again = await post(`/v1/customers/${customer.id}/archive`, undefined, { headers: { 'idempotency-key': key } });
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    // The same key on another customer's path is another request.
    const other = await createPerson();
    expectProblem(await post(`/v1/customers/${other.id}/archive`, undefined, { headers: { 'idempotency-key': key } }), 409, 'IDEMPOTENCY.KEY_REUSED');
  });
});

describe('PATCH /v1/customers/{id}', () => {
  it('changes only the fields sent, null clears, and answers the new ETag', async () => {
    const customer = await createPerson({ email: 'old@example.com', mobile: '+32470000001', language: 'nl' });
    const response = await patch(customer.id as string, { email: 'new@example.com', mobile: null, lastname: 'Janssens' });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      id: customer.id,
      firstName: 'Jérôme',
      lastName: 'Janssens',
      email: 'new@example.com',
      mobile: null,
      language: 'nl',
      version: 2,
    });
    expect(response.headers.get('etag')).toBe('"2"');
    expect(response.headers.get('location')).toBeNull();
    const events = await streamEvents(customer.id as string);
    expect(events.map((e) => e.type)).toEqual(['PersonCustomerCreated', 'CustomerDetailsChanged']);
    expect(events[1].metadata).toMatchObject({ actor: { type: 'api-key', id: acme.apiKeyId } });
  });

  it('records nothing when nothing differs', async () => {
    const customer = await createPerson({ email: 'same@example.com' });
    await expectNothingWritten(async () => {
      const response = await patch(customer.id as string, { email: 'same@example.com', firstName: 'Jérôme' });
      expect(response.status).toBe(200);
      expect(response.body.version).toBe(1);
      expect((await patch(customer.id as string, {})).body.version).toBe(1);
    });
  });

  it('replaces the address as a whole', async () => {
    const customer = await createPerson({ address: 'Kerkstraat 1', zip: '9000', city: 'Gent', country: 'BE' });
    const response = await patch(customer.id as string, { city: 'Amsterdam', country: 'NL' });
    expect(response.body).toMatchObject({ address: null, zip: null, city: 'Amsterdam', country: 'NL' });
  });

  it('turns a person into a company and back', async () => {
    const customer = await createPerson();
    const company = await patch(customer.id as string, { companyName: 'Peeters BV', vatno: 'BE0403019261' });
    expect(company.body).toMatchObject({ type: 'company', companyName: 'Peeters BV' });
    const person = await patch(customer.id as string, { type: 'person' });
    expect(person.body).toMatchObject({ type: 'person', companyName: null, vatNumber: null, firstName: 'Jérôme' });
  });

  it('checks If-Match: a stale ETag is 412 and changes nothing; the current one applies', async () => {
    const customer = await createPerson();
    const id = customer.id as string;
    expect((await patch(id, { email: 'a@example.com' })).status).toBe(200);
    await expectNothingWritten(async () => {
      const problem = expectProblem(await patch(id, { email: 'b@example.com' }, { headers: { 'if-match': '"1"' } }), 412, 'CUSTOMER.VERSION_MISMATCH');
      expect(problem).toMatchObject({ expectedVersion: 1, actualVersion: 2 });
      expectProblem(await patch(id, { email: 'b@example.com' }, { headers: { 'if-match': 'yesterday' } }), 400);
    });
    const applied = await patch(id, { email: 'b@example.com' }, { headers: { 'if-match': '"2"' } });
    expect(applied.status).toBe(200);
    expect(applied.headers.get('etag')).toBe('"3"');
  });

  it('changes the customer number as its own audited event', async () => {
    const customer = await createPerson({ customerNumber: uniqueNumber('OLD') });
    const number = uniqueNumber('NEW');
    const response = await patch(customer.id as string, { customerNumber: number, email: 'renumbered@example.com' });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ customerNumber: number, email: 'renumbered@example.com', version: 3 });
    const events = await streamEvents(customer.id as string);
    expect(events.map((e) => e.type)).toEqual(['PersonCustomerCreated', 'CustomerNumberChanged', 'CustomerDetailsChanged']);
    expect(events[1].data).toMatchObject({ oldCustomerNumber: customer.customerNumber, newCustomerNumber: number });
  });

  it('refuses a taken number with 409 naming its customer, and changes nothing else', async () => {
    const holder = await createPerson({ customerNumber: uniqueNumber('HOLD') });
    const customer = await createPerson();
    await expectNothingWritten(async () => {
      const problem = expectProblem(
        await patch(customer.id as string, { customerNumber: holder.customerNumber, email: 'x@example.com' }),
        409,
        'CUSTOMER.NUMBER_TAKEN',
      );
      expect(problem.existingCustomerId).toBe(holder.id);
    });
  });

  it('refuses the whole request when any field is invalid, listing every one', async () => {
    const customer = await createPerson({ customerNumber: uniqueNumber('KEEP') });
    await expectNothingWritten(async () => {
      const problem = expectProblem(
        await patch(customer.id as string, { customerNumber: uniqueNumber('NEW'), email: 'bad', mobile: '12', vatNumber: 'BE1' }),
        400,
        'CUSTOMER.VALIDATION_FAILED',
      );
      expect(fieldCodes(problem)).toEqual(['email:INVALID_FORMAT', 'mobile:INVALID_FORMAT', 'vatNumber:COMPANY_ONLY']);
      const numberProblem = expectProblem(await patch(customer.id as string, { customerNumber: 'n'.repeat(36), lastName: null }), 400);
      expect(fieldCodes(numberProblem)).toEqual(['customerNumber:TOO_LONG']);
    });
  });

  it('refuses unknown fields and wrong types', async () => {
    const customer = await createPerson();
    await expectNothingWritten(async () => {
      const problem = expectProblem(await patch(customer.id as string, { email: 1, status: 'archived' }), 400, 'REQUEST.VALIDATION_FAILED');
      expect(fieldCodes(problem)).toEqual(['email:isString', 'status:unknownProperty']);
    });
  });

  it('answers 404 for an unknown id, an id that is no UUID, and another organization\'s customer', async () => {
    const customer = await createPerson();
    await expectNothingWritten(async () => {
      expectProblem(await patch(randomUUID(), { email: 'x@example.com' }), 404, 'CUSTOMER.NOT_FOUND');
      expectProblem(await patch('not-a-uuid', { email: 'x@example.com' }), 404, 'CUSTOMER.NOT_FOUND');
      expectProblem(await patch(customer.id as string, { email: 'x@example.com' }, { org: globex }), 404, 'CUSTOMER.NOT_FOUND');
    });
  });
});

describe('PUT /v1/customers/by-number/{customerNumber}', () => {
  it('creates the customer when nobody has the number: 201 with Location', async () => {
    const number = uniqueNumber('PUT');
    const response = await put(number, { firstName: 'Put', lastName: 'Create', email: 'put@example.com' });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ customerNumber: number, firstName: 'Put', type: 'person', version: 1 });
    expect(response.headers.get('location')).toBe(`/v1/customers/${response.body.id}`);
    expect(response.headers.get('etag')).toBe('"1"');
  });

  it('updates the customer that has the number: sent fields replace, others stay, null clears', async () => {
    const number = uniqueNumber('PUT');
    const created = await put(number, { firstName: 'Put', lastName: 'Update', email: 'put@example.com', mobile: '+32470000002' });
    const updated = await put(number, { email: 'changed@example.com', mobile: null, l: 'fr' });
    expect(updated.status).toBe(200);
    expect(updated.headers.get('location')).toBeNull();
    expect(updated.body).toMatchObject({
      id: created.body.id,
      firstName: 'Put',
      lastName: 'Update',
      email: 'changed@example.com',
      mobile: null,
      language: 'fr',
      version: 2,
    });
    expect(updated.headers.get('etag')).toBe('"2"');
  });

  it('records nothing when nothing differs', async () => {
    const number = uniqueNumber('PUT');
    const body = { companyName: 'Same NV', email: 'same@example.com' };
    expect((await put(number, body)).status).toBe(201);
    await expectNothingWritten(async () => {
      const again = await put(number, { ...body, customerNumber: number });
      expect(again.status).toBe(200);
      expect(again.body.version).toBe(1);
      expect(again.headers.get('etag')).toBe('"1"');
    });
  });

  it('refuses a body customerNumber other than the path', async () => {
    const number = uniqueNumber('PUT');
    await expectNothingWritten(async () => {
      const problem = expectProblem(await put(number, { customerNumber: 'OTHER', firstName: 'A', lastName: 'B' }), 400, 'REQUEST.VALIDATION_FAILED');
      expect(fieldCodes(problem)).toEqual(['customerNumber:pathMismatch']);
      expectProblem(await put(number, { customerNumber: null }), 400, 'REQUEST.VALIDATION_FAILED');
    });
  });

  it('validates the path number and the body like a create', async () => {
    await expectNothingWritten(async () => {
      expect(fieldCodes(expectProblem(await put('x'.repeat(36), {}), 400, 'CUSTOMER.VALIDATION_FAILED'))).toEqual(['customerNumber:TOO_LONG']);
      expect(fieldCodes(expectProblem(await put(uniqueNumber(), { email: 'bad', coc: '1' }), 400))).toEqual([
        'email:INVALID_FORMAT',
        'enterpriseNumber:COMPANY_ONLY',
      ]);
      expect(fieldCodes(expectProblem(await put(uniqueNumber(), { foo: 1 }), 400))).toEqual(['foo:unknownProperty']);
    });
  });

  it('creates exactly one customer for 20 concurrent PUTs of a new number', async () => {
    const number = uniqueNumber('CONC');
    const before = await eventCount();
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => put(number, { companyName: 'Concurrent NV', email: 'c@example.com' })),
    );
    expect(responses.map((r) => r.status).sort()).toEqual([...Array<number>(19).fill(200), 201]);
    expect(new Set(responses.map((r) => r.body.id)).size).toBe(1);
    const { rows } = await sql<{ n: string }>`
      SELECT count(*) AS n FROM customer.customers
      WHERE tenant_id = ${acme.organizationId}::uuid AND customer_number = ${number}`.execute(t.database.db);
    expect(rows[0].n).toBe('1');
    expect(await eventCount()).toBe(before + 1);
  });

  it('checks If-Match on an update, and refuses it when nobody has the number', async () => {
    const number = uniqueNumber('PUT');
    await put(number, { firstName: 'If', lastName: 'Match' });
    await expectNothingWritten(async () => {
      expectProblem(await put(number, { email: 'a@example.com' }, { headers: { 'if-match': '"7"' } }), 412, 'CUSTOMER.VERSION_MISMATCH');
      expectProblem(await put(uniqueNumber(), { firstName: 'A', lastName: 'B' }, { headers: { 'if-match': '"1"' } }), 412);
    });
    expect((await put(number, { email: 'a@example.com' }, { headers: { 'if-match': '"1"' } })).body.version).toBe(2);
  });
});

describe('archive, restore, forget', () => {
  it('archives and restores; an archived customer cannot be changed', async () => {
    const customer = await createPerson();
    const id = customer.id as string;
    const archived = await post(`/v1/customers/${id}/archive`);
    expect(archived.status).toBe(200);
    expect(archived.body).toMatchObject({ id, status: 'archived', version: 2 });
    expect(archived.headers.get('etag')).toBe('"2"');

    await expectNothingWritten(async () => {
      expectProblem(await patch(id, { email: 'x@example.com' }), 409, 'CUSTOMER.ARCHIVED');
      expect((await post(`/v1/customers/${id}/archive`)).body.version).toBe(2);
    });

    const restored = await post(`/v1/customers/${id}/restore`);
    expect(restored.status).toBe(200);
    expect(restored.body).toMatchObject({ status: 'active', version: 3 });
    expect((await patch(id, { email: 'x@example.com' })).status).toBe(200);
    expect((await streamEvents(id)).map((e) => e.type)).toEqual([
      'PersonCustomerCreated',
      'CustomerArchived',
      'CustomerRestored',
      'CustomerDetailsChanged',
    ]);
  });

  it('checks If-Match on archive', async () => {
    const customer = await createPerson();
    await expectNothingWritten(async () => {
      expectProblem(await post(`/v1/customers/${customer.id}/archive`, undefined, { headers: { 'if-match': '"5"' } }), 412, 'CUSTOMER.VERSION_MISMATCH');
    });
  });

  it('forgets: personal data erased in the response and the history, further changes 410', async () => {
    const number = uniqueNumber('GDPR');
    const customer = await createPerson({
      customerNumber: number,
      email: 'forget.me@example.com',
      mobile: '+32470999999',
      address: 'Geheimstraat 9',
      zip: '9000',
      city: 'Gent',
      country: 'BE',
    });
    const id = customer.id as string;
    const forgotten = await post(`/v1/customers/${id}/forget`);
    expect(forgotten.status).toBe(200);
    expect(forgotten.body).toMatchObject({
      id,
      status: 'forgotten',
      customerNumber: number,
      firstName: null,
      lastName: null,
      email: null,
      mobile: null,
      address: null,
      zip: null,
      city: null,
    });
    const dump = await sql<{ t: string }>`
      SELECT string_agg(e::text, ' ') AS t FROM event_store.events e WHERE stream_id = ${`customer-${id}`}`.execute(t.database.db);
    expect(dump.rows[0].t).not.toMatch(/forget\.me@example\.com|Geheimstraat|Peeters/);

    await expectNothingWritten(async () => {
      expectProblem(await patch(id, { email: 'back@example.com' }), 410, 'CUSTOMER.FORGOTTEN');
      expectProblem(await patch(id, {}), 410, 'CUSTOMER.FORGOTTEN');
      expectProblem(await post(`/v1/customers/${id}/restore`), 410, 'CUSTOMER.FORGOTTEN');
      expectProblem(await post(`/v1/customers/${id}/forget`), 410, 'CUSTOMER.FORGOTTEN');
      expectProblem(await put(number, { email: 'back@example.com' }), 410, 'CUSTOMER.FORGOTTEN');
    });
  });

  it('answers 404 for unknown ids, ids that are no UUID, and other organizations\' customers', async () => {
    const customer = await createPerson();
    await expectNothingWritten(async () => {
      for (const action of ['archive', 'restore', 'forget']) {
        expectProblem(await post(`/v1/customers/${randomUUID()}/${action}`), 404, 'CUSTOMER.NOT_FOUND');
        expectProblem(await post(`/v1/customers/12345/${action}`), 404, 'CUSTOMER.NOT_FOUND');
        expectProblem(await post(`/v1/customers/${customer.id}/${action}`, undefined, { org: globex }), 404, 'CUSTOMER.NOT_FOUND');
      }
    });
  });
});

describe('tenant isolation', () => {
  it('lets each organization use a customer number of its own, invisible to the other', async () => {
    const number = uniqueNumber('SHARED');
    const a = await createPerson({ customerNumber: number });
    const g = await post('/v1/customers', { customerNumber: number, firstName: 'Globex', lastName: 'Person' }, { org: globex });
    expect(g.status).toBe(201);
    expect(g.body.id).not.toBe(a.id);

    const putG = await put(number, { email: 'globex@example.com' }, { org: globex });
    expect(putG.status).toBe(200);
    expect(putG.body.id).toBe(g.body.id);
    const putA = await put(number, { email: 'acme@example.com' });
    expect(putA.body.id).toBe(a.id);
    expect(putA.body.email).toBe('acme@example.com');

    const other = uniqueNumber('ONLY-A');
    await createPerson({ customerNumber: other });
    const created = await put(other, { firstName: 'New', lastName: 'In Globex' }, { org: globex });
    expect(created.status).toBe(201);
  });
});

describe('OpenAPI', () => {
  it('documents every command endpoint with its body, responses and headers', async () => {
    const document = (await (await fetch(`${base}/docs-json`)).json()) as {
      paths: Record<string, Record<string, { requestBody?: unknown; responses: Record<string, unknown>; parameters?: { name: string }[] }>>;
      components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
    };
    const create = document.paths['/v1/customers']?.post;
    expect(create?.requestBody).toBeDefined();
    expect(Object.keys(create?.responses ?? {})).toEqual(expect.arrayContaining(['201', '400', '409', '413', '415']));
    expect(create?.parameters?.map((p) => p.name)).toEqual(expect.arrayContaining(['Idempotency-Key', 'X-Request-Id', 'X-Correlation-Id']));
    expect(document.paths['/v1/customers/{id}']?.patch?.requestBody).toBeDefined();
    expect(Object.keys(document.paths['/v1/customers/{id}']?.patch?.responses ?? {})).toEqual(expect.arrayContaining(['200', '404', '412']));
    expect(Object.keys(document.paths['/v1/customers/by-number/{customerNumber}']?.put?.responses ?? {})).toEqual(
      expect.arrayContaining(['200', '201']),
    );
    for (const action of ['archive', 'restore', 'forget']) {
      expect(document.paths[`/v1/customers/{id}/${action}`]?.post?.responses['200']).toBeDefined();
    }
    expect(Object.keys(document.components.schemas.CreateCustomerBody?.properties ?? {})).toEqual(
      expect.arrayContaining(['customerNumber', 'firstName', 'firstname', 'coc', 'vatno', 'l', 'lang', 'address', 'zip', 'city', 'country']),
    );
    expect(Object.keys(document.components.schemas.CustomerResponse?.properties ?? {}).sort()).toEqual(CUSTOMER_KEYS);
  });
});
