import 'reflect-metadata';
import { Body, Controller, Get, Module, Post } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Type } from 'class-transformer';
import { IsEmail, IsInt, IsNotEmpty, IsString, Length, Min, ValidateNested } from 'class-validator';
import { DomainError } from '@cm/shared-kernel';
import { eventStoreMigrations } from '@cm/event-store';
import {
  ApiKeyService,
  loadConfig,
  OrganizationService,
  platformMigrations,
  Tenant,
  type TenantContext,
} from '@cm/platform';
import { createApp } from '../../apps/api/src/bootstrap';
import { createTestDatabase, type TestDatabase } from '../setup/test-database';

class AddressDto {
  @IsString() @IsNotEmpty() city!: string;
  @IsString() @Length(2, 2) country!: string;
}

class CreateThingDto {
  @IsString() @IsNotEmpty() name!: string;
  @IsEmail() email!: string;
  @IsInt() @Min(1) quantity!: number;
  @ValidateNested() @Type(() => AddressDto) address!: AddressDto;
}

class ThingLimitReachedError extends DomainError {
  readonly code = 'TEST.THING_LIMIT_REACHED';
  readonly status = 409;
}

/** Routes that exist only in this test, to drive validation, the tenant and error mapping. */
@Controller('v1/test')
class TestController {
  @Post('things')
  create(@Body() thing: CreateThingDto, @Tenant() tenant: TenantContext) {
    return { thing, isDto: thing instanceof CreateThingDto, organizationId: tenant.organizationId };
  }

  @Get('whoami')
  whoami(@Tenant() tenant: TenantContext): TenantContext {
    return tenant;
  }

  @Get('boom')
  boom(): never {
    throw new Error('password=hunter2 at db.internal:5432');
  }

  @Get('limit')
  limit(): never {
    throw new ThingLimitReachedError('At most 3 things', { limit: 3 });
  }
}

@Module({ controllers: [TestController] })
class TestModule {}

let t: TestDatabase;
let app: NestExpressApplication;
let base: string;
let acme: { key: string; organizationId: string };
let globex: { key: string; organizationId: string };

beforeAll(async () => {
  t = await createTestDatabase([platformMigrations, eventStoreMigrations]);
  const organizations = new OrganizationService(t.database);
  const keys = new ApiKeyService(t.database);
  await organizations.createOrganization('acme');
  await organizations.createOrganization('globex');
  acme = await keys.createApiKey('acme');
  globex = await keys.createApiKey('globex');

  const config = { ...loadConfig({}), logLevel: 'error' as const };
  app = await createApp({ database: t.database, config, extraModules: [TestModule], logger: false });
  await app.listen(0, '127.0.0.1');
  base = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
});

afterAll(async () => {
  await app?.close();
  await t?.drop();
});

const auth = (key: string): Record<string, string> => ({ authorization: `Bearer ${key}` });
const json = { 'content-type': 'application/json' };

async function expectProblem(response: Response, status: number): Promise<Record<string, unknown>> {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  const body = (await response.json()) as Record<string, unknown>;
  expect(body).toMatchObject({ type: expect.any(String), title: expect.any(String), status, detail: expect.any(String) });
  return body;
}

describe('API platform over HTTP', () => {
  it('GET /health answers without a key, with the database status', async () => {
    const response = await fetch(`${base}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: 'ok',
      database: { status: 'up', version: expect.stringMatching(/^\d+/), latencyMs: expect.any(Number) },
    });
  });

  it('serves the OpenAPI document, /v1 operations requiring the bearer key', async () => {
    const response = await fetch(`${base}/docs-json`);
    expect(response.status).toBe(200);
    const document = (await response.json()) as {
      openapi: string;
      paths: Record<string, Record<string, { security?: unknown[] }>>;
      components: { securitySchemes: Record<string, { scheme: string }> };
    };
    expect(document.openapi).toMatch(/^3\./);
    expect(Object.values(document.components.securitySchemes)[0]?.scheme).toBe('bearer');
    expect(document.paths['/v1/test/things']?.post?.security).toEqual([{ 'api-key': [] }]);
    expect(document.paths['/health']?.get?.security).toEqual([]);

    const ui = await fetch(`${base}/docs`);
    expect(ui.status).toBe(200);
    expect(await ui.text()).toContain('swagger');
  });

  it('answers 401 problem+json with a Bearer challenge on /v1 without a key, even for unknown routes', async () => {
    for (const path of ['/v1/anything', '/v1/test/whoami', '/V1/test/whoami']) {
      const response = await fetch(`${base}${path}`);
      const body = await expectProblem(response, 401);
      expect(response.headers.get('www-authenticate')).toBe('Bearer');
      expect(body).toMatchObject({ code: 'AUTH.API_KEY_MISSING', instance: path });
    }
  });

  it('answers 401 for an unknown key', async () => {
    const response = await fetch(`${base}/v1/test/whoami`, { headers: auth(`cm_live_${'x'.repeat(43)}`) });
    const body = await expectProblem(response, 401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
    expect(body.code).toBe('AUTH.API_KEY_INVALID');
  });

  it('answers 404 problem+json for an unknown route with a valid key', async () => {
    const body = await expectProblem(await fetch(`${base}/v1/anything`, { headers: auth(acme.key) }), 404);
    expect(body).toMatchObject({ type: 'about:blank', title: 'Not Found', instance: '/v1/anything' });
  });

  it('answers 404 problem+json outside /v1 too', async () => {
    await expectProblem(await fetch(`${base}/nothing-here`), 404);
  });

  it('answers 400 problem+json for malformed JSON', async () => {
    const response = await fetch(`${base}/v1/test/things`, { method: 'POST', headers: { ...auth(acme.key), ...json }, body: '{"name": ' });
    expect((await expectProblem(response, 400)).code).toBe('REQUEST.MALFORMED_JSON');
  });

  it('answers 413 problem+json for a body over 1 MiB', async () => {
    const body = JSON.stringify({ name: 'x'.repeat(1024 * 1024) });
    const response = await fetch(`${base}/v1/test/things`, { method: 'POST', headers: { ...auth(acme.key), ...json }, body });
    expect(await expectProblem(response, 413)).toMatchObject({ code: 'REQUEST.PAYLOAD_TOO_LARGE', limit: 1024 * 1024 });
  });

  it('accepts a body just under 1 MiB', async () => {
    const body = JSON.stringify({ name: 'x'.repeat(1024 * 1024 - 100) });
    const response = await fetch(`${base}/v1/test/things`, { method: 'POST', headers: { ...auth(acme.key), ...json }, body });
    expect((await expectProblem(response, 400)).code).toBe('REQUEST.VALIDATION_FAILED'); // parsed, then validated
  });

  it('answers 415 problem+json for a non-JSON body on /v1', async () => {
    const response = await fetch(`${base}/v1/test/things`, {
      method: 'POST',
      headers: { ...auth(acme.key), 'content-type': 'text/plain' },
      body: 'name=thing',
    });
    expect((await expectProblem(response, 415)).code).toBe('REQUEST.UNSUPPORTED_MEDIA_TYPE');
  });

  it('lists every bad field at once, nested paths dotted, unknown properties included', async () => {
    const response = await fetch(`${base}/v1/test/things`, {
      method: 'POST',
      headers: { ...auth(acme.key), ...json },
      body: JSON.stringify({ name: '', email: 'not-an-email', quantity: 0, address: { city: '', country: 'BEL' }, admin: true }),
    });
    const body = await expectProblem(response, 400);
    expect(body).toMatchObject({ type: 'urn:problem:REQUEST.VALIDATION_FAILED', code: 'REQUEST.VALIDATION_FAILED' });
    const errors = body.errors as { field: string; code: string; message: string }[];
    expect(errors.map((e) => `${e.field}:${e.code}`).sort()).toEqual([
      'address.city:isNotEmpty',
      'address.country:isLength',
      'admin:unknownProperty',
      'email:isEmail',
      'name:isNotEmpty',
      'quantity:min',
    ]);
    expect(errors.every((e) => e.message.length > 0)).toBe(true);
  });

  it('passes a valid body as the DTO class to the handler', async () => {
    const thing = { name: 'Widget', email: 'a@example.com', quantity: 2, address: { city: 'Gent', country: 'BE' } };
    const response = await fetch(`${base}/v1/test/things`, { method: 'POST', headers: { ...auth(acme.key), ...json }, body: JSON.stringify(thing) });
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ thing, isDto: true, organizationId: acme.organizationId });
  });

  it('gives each organization its own tenant through @Tenant()', async () => {
    const a = (await (await fetch(`${base}/v1/test/whoami`, { headers: auth(acme.key) })).json()) as TenantContext;
    const g = (await (await fetch(`${base}/v1/test/whoami`, { headers: auth(globex.key) })).json()) as TenantContext;
    expect(a).toMatchObject({ organizationId: acme.organizationId, organizationName: 'acme' });
    expect(g).toMatchObject({ organizationId: globex.organizationId, organizationName: 'globex' });
    expect(a.organizationId).not.toBe(g.organizationId);
  });

  it('maps a domain error by its code', async () => {
    const body = await expectProblem(await fetch(`${base}/v1/test/limit`, { headers: auth(acme.key) }), 409);
    expect(body).toMatchObject({ type: 'urn:problem:TEST.THING_LIMIT_REACHED', code: 'TEST.THING_LIMIT_REACHED', limit: 3 });
  });

  it('answers 500 without leaking the error', async () => {
    const response = await fetch(`${base}/v1/test/boom`, { headers: auth(acme.key) });
    const body = await expectProblem(response, 500);
    expect(JSON.stringify(body)).not.toMatch(/hunter2|db\.internal/);
    expect(body.errorId).toEqual(expect.any(String));
  });
});
