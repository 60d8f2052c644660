import 'reflect-metadata';
import { Controller, Get, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { createTestDatabase, type TestDatabase } from '../../../test/setup/test-database';
import { ApiKeyService } from './auth/api-key.service';
import { OrganizationService } from './auth/organization.service';
import { Tenant } from './auth/tenant.decorator';
import type { TenantContext } from './auth/tenant-context';
import { loadConfig } from './config/app-config';
import { platformMigrations } from './migrations';
import { PlatformModule } from './platform.module';

@Controller()
class ProbeController {
  @Get('v1/probe')
  probe(@Tenant() tenant: TenantContext): TenantContext {
    return tenant;
  }

  @Get('public')
  open(): { ok: true } {
    return { ok: true };
  }
}

let t: TestDatabase;
let app: INestApplication;
let base: string;
let key: string;
let shutdowns = 0;

/** The module on its own, without configurePlatformHttp: the guard alone protects /v1 routes. */
beforeAll(async () => {
  t = await createTestDatabase([platformMigrations]);
  await new OrganizationService(t.database).createOrganization('acme');
  key = (await new ApiKeyService(t.database).createApiKey('acme')).key;
  const platform = PlatformModule.forRoot({ database: t.database, config: loadConfig({}), onShutdown: async () => void (shutdowns += 1) });
  app = await NestFactory.create({ module: class ProbeModule {}, imports: [platform], controllers: [ProbeController] }, { logger: false });
  await app.listen(0, '127.0.0.1');
  base = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
});

afterAll(async () => {
  await t?.drop();
});

describe('PlatformModule', () => {
  it('guards /v1 routes with the API key and resolves the tenant', async () => {
    const denied = await fetch(`${base}/v1/probe`);
    expect(denied.status).toBe(401);
    expect(denied.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(denied.headers.get('www-authenticate')).toBe('Bearer');

    const allowed = await fetch(`${base}/v1/probe`, { headers: { authorization: `Bearer ${key}` } });
    expect(allowed.status).toBe(200);
    expect(await allowed.json()).toMatchObject({ organizationName: 'acme' });
  });

  it('leaves other routes public', async () => {
    expect((await fetch(`${base}/public`)).status).toBe(200);
    expect((await fetch(`${base}/health`)).status).toBe(200);
  });

  it('runs onShutdown once the app closes, leaving the database open', async () => {
    await app.close();
    expect(shutdowns).toBe(1);
    expect((await t.database.pool.query('SELECT 1 AS one')).rows[0].one).toBe(1);
  });
});
