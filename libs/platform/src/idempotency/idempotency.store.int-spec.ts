import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from '../../../../test/setup/test-database';
import { OrganizationService } from '../auth/organization.service';
import { platformMigrations } from '../migrations';
import { IdempotencyStore } from './idempotency.store';
import { requestFingerprint } from './request-fingerprint';

describe('IdempotencyStore', () => {
  let t: TestDatabase;
  let store: IdempotencyStore;
  let org: string;
  let other: string;
  const response = { status: 201, headers: { location: '/v1/things/1', etag: '"1"' }, body: { id: 1, name: 'thing' } };
  const fp = (body: unknown) => requestFingerprint('POST', '/v1/things', body);

  beforeAll(async () => {
    t = await createTestDatabase([platformMigrations]);
    store = new IdempotencyStore(t.database.db);
    const organizations = new OrganizationService(t.database);
    org = (await organizations.createOrganization('acme')).id;
    other = (await organizations.createOrganization('globex')).id;
  });
  afterAll(() => t.drop());

  it('claims a new key, then reports it in progress, then replays the stored response', async () => {
    const key = randomUUID();
    const claim = await store.claim(org, key, fp({ a: 1 }));
    expect(claim.kind).toBe('claimed');
    expect(await store.claim(org, key, fp({ a: 1 }))).toEqual({ kind: 'in-progress' });
    if (claim.kind !== 'claimed') throw new Error('not claimed');
    await store.complete(org, key, claim.token, response);
    expect(await store.claim(org, key, fp({ a: 1 }))).toEqual({ kind: 'replay', response });
  });

  it('reports another request under the same key as a mismatch, in progress or done', async () => {
    const key = randomUUID();
    const claim = await store.claim(org, key, fp({ a: 1 }));
    expect(await store.claim(org, key, fp({ a: 2 }))).toEqual({ kind: 'mismatch' });
    if (claim.kind === 'claimed') await store.complete(org, key, claim.token, response);
    expect(await store.claim(org, key, fp({ a: 2 }))).toEqual({ kind: 'mismatch' });
  });

  it('scopes keys by organization', async () => {
    const key = randomUUID();
    expect((await store.claim(org, key, fp({ a: 1 }))).kind).toBe('claimed');
    expect((await store.claim(other, key, fp({ b: 1 }))).kind).toBe('claimed');
  });

  it('frees a released key for any request', async () => {
    const key = randomUUID();
    const claim = await store.claim(org, key, fp({ a: 1 }));
    if (claim.kind === 'claimed') await store.release(org, key, claim.token);
    expect((await store.claim(org, key, fp({ a: 2 }))).kind).toBe('claimed');
  });

  it('lets exactly one of many concurrent claims win', async () => {
    const key = randomUUID();
    const claims = await Promise.all(Array.from({ length: 20 }, () => store.claim(org, key, fp({ a: 1 }))));
    expect(claims.filter((c) => c.kind === 'claimed')).toHaveLength(1);
    expect(claims.filter((c) => c.kind === 'in-progress')).toHaveLength(19);
  });

  it('takes over an expired key, and a stale claim only for the same request', async () => {
    const short = new IdempotencyStore(t.database.db, { retentionMs: 60_000, lockTimeoutMs: 1 });
    const key = randomUUID();
    const first = await short.claim(org, key, fp({ a: 1 }));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await short.claim(org, key, fp({ a: 2 }))).toEqual({ kind: 'mismatch' });
    const second = await short.claim(org, key, fp({ a: 1 }));
    expect(second.kind).toBe('claimed');
    // The presumed-dead first request can no longer complete or release the key.
    if (first.kind === 'claimed') {
      await short.complete(org, key, first.token, response);
      await short.release(org, key, first.token);
    }
    const { rows } = await sql<{ state: string; claim_token: string }>`
      SELECT state, claim_token FROM platform.idempotency_keys WHERE idempotency_key = ${key}`.execute(t.database.db);
    expect(rows).toEqual([{ state: 'in_progress', claim_token: second.kind === 'claimed' ? second.token : 'none' }]);

    const expiring = new IdempotencyStore(t.database.db, { retentionMs: 1, lockTimeoutMs: 1 });
    const done = randomUUID();
    const claim = await expiring.claim(org, done, fp({ a: 1 }));
    if (claim.kind === 'claimed') await expiring.complete(org, done, claim.token, response);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect((await store.claim(org, done, fp({ other: true }))).kind).toBe('claimed');
  });

  it('purges expired keys', async () => {
    const expiring = new IdempotencyStore(t.database.db, { retentionMs: 1, lockTimeoutMs: 1 });
    const key = randomUUID();
    await expiring.claim(org, key, fp({ a: 1 }));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await store.purgeExpired()).toBeGreaterThanOrEqual(1);
    const { rows } = await sql<{ n: string }>`
      SELECT count(*) AS n FROM platform.idempotency_keys WHERE idempotency_key = ${key}`.execute(t.database.db);
    expect(rows[0].n).toBe('0');
  });
});
