import { createTestDatabase, type TestDatabase } from '../../../../test/setup/test-database';
import { platformMigrations } from '../migrations';
import { hashApiKey } from './api-key';
import { ApiKeyService } from './api-key.service';
import { OrganizationNotFoundError } from './auth.errors';
import { OrganizationService } from './organization.service';

let t: TestDatabase;
let organizations: OrganizationService;

beforeAll(async () => {
  t = await createTestDatabase([platformMigrations]);
  organizations = new OrganizationService(t.database);
  await organizations.createOrganization('acme');
  await organizations.createOrganization('globex');
});
afterAll(() => t.drop());

/** Counts connection checkouts: Kysely takes one per statement, so this counts round trips. */
function countQueries(): { readonly count: () => number; restore(): void } {
  const pool = t.database.pool as unknown as { connect: (...args: unknown[]) => unknown };
  const original = pool.connect;
  let n = 0;
  pool.connect = (...args: unknown[]) => {
    n += 1;
    return original.apply(t.database.pool, args);
  };
  return { count: () => n, restore: () => void (pool.connect = original) };
}

describe('ApiKeyService', () => {
  it('creates a key stored only as its hash', async () => {
    const keys = new ApiKeyService(t.database);
    const acme = await organizations.findOrganizationByName('acme');
    const created = await keys.createApiKey('acme');
    expect(created.key).toMatch(/^cm_live_[A-Za-z0-9_-]{43}$/);
    expect(created.organizationId).toBe(acme!.id);
    expect(created.prefix).toBe(created.key.slice(0, 12));

    const { rows } = await t.database.pool.query('SELECT key_hash, prefix FROM platform.api_keys WHERE id = $1', [created.id]);
    expect(rows[0].key_hash.equals(hashApiKey(created.key))).toBe(true);
    const everything = await t.database.pool.query('SELECT * FROM platform.api_keys');
    expect(JSON.stringify(everything.rows)).not.toContain(created.key);
  });

  it('refuses a key for an unknown organization', async () => {
    await expect(new ApiKeyService(t.database).createApiKey('nobody')).rejects.toBeInstanceOf(OrganizationNotFoundError);
  });

  it('authenticates a key to its organization', async () => {
    const keys = new ApiKeyService(t.database);
    const acmeKey = await keys.createApiKey('acme');
    const globexKey = await keys.createApiKey('globex');
    expect(await keys.authenticate(acmeKey.key)).toEqual({
      organizationId: acmeKey.organizationId,
      organizationName: 'acme',
      apiKeyId: acmeKey.id,
    });
    expect((await keys.authenticate(globexKey.key))?.organizationName).toBe('globex');
  });

  it('rejects unknown and malformed keys', async () => {
    const keys = new ApiKeyService(t.database);
    expect(await keys.authenticate(`cm_live_${'A'.repeat(43)}`)).toBeNull();
    expect(await keys.authenticate('garbage')).toBeNull();
    expect(await keys.authenticate('')).toBeNull();
  });

  it('answers repeated checks from its cache until the TTL ends', async () => {
    let now = 0;
    const keys = new ApiKeyService(t.database, { cacheTtlMs: 30_000, now: () => now });
    const { key } = await keys.createApiKey('acme');
    const queries = countQueries();
    try {
      await keys.authenticate(key);
      await Promise.all([keys.authenticate(key), keys.authenticate(key)]);
      expect(queries.count()).toBe(1);
      now = 30_001;
      await keys.authenticate(key);
      expect(queries.count()).toBe(2);
    } finally {
      queries.restore();
    }
  });

  it('does not cache unknown keys, so a key created later works at once', async () => {
    const keys = new ApiKeyService(t.database);
    const unknown = `cm_live_${'B'.repeat(43)}`;
    expect(await keys.authenticate(unknown)).toBeNull();
    await t.database.pool.query(
      `INSERT INTO platform.api_keys (organization_id, key_hash, prefix)
       SELECT id, $1, 'cm_live_BBBB' FROM platform.organizations WHERE name = 'acme'`,
      [hashApiKey(unknown)],
    );
    expect((await keys.authenticate(unknown))?.organizationName).toBe('acme');
  });

  it('revokes a key: at once in this process', async () => {
    const keys = new ApiKeyService(t.database);
    const created = await keys.createApiKey('globex');
    expect(await keys.authenticate(created.key)).not.toBeNull();
    expect(await keys.revokeApiKey(created.id)).toBe(true);
    expect(await keys.authenticate(created.key)).toBeNull();
    expect(await keys.revokeApiKey(created.id)).toBe(false);
    expect(await keys.revokeApiKey('not-a-uuid')).toBe(false);

    const listed = (await keys.listApiKeys('globex')).find((k) => k.id === created.id);
    expect(listed).toMatchObject({ prefix: created.prefix, revokedAt: expect.any(Date) });
  });

  it('lists the keys of one organization only, never the key itself', async () => {
    const keys = new ApiKeyService(t.database);
    const listed = await keys.listApiKeys('globex');
    expect(listed.length).toBeGreaterThan(0);
    expect(new Set(listed.map((k) => k.organizationId)).size).toBe(1);
    expect(Object.keys(listed[0]!).sort()).toEqual(['createdAt', 'id', 'organizationId', 'prefix', 'revokedAt']);
    expect(await keys.listApiKeys('nobody')).toEqual([]);
  });
});
