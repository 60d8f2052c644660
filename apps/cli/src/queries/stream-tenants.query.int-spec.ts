import { randomBytes, randomUUID } from 'node:crypto';
import { EventStore, eventStoreMigrations } from '@cm/event-store';
import { createTestDatabase, type TestDatabase } from '../../../../test/setup/test-database';
import { streamTenants } from './stream-tenants.query';

describe('streamTenants', () => {
  let t: TestDatabase;

  beforeAll(async () => {
    t = await createTestDatabase([eventStoreMigrations]);
  });
  afterAll(() => t.drop());

  it('lists every tenant with a stream of that id, once, in order', async () => {
    const store = new EventStore({ db: t.database.db, masterKey: randomBytes(32) });
    const tenants = [randomUUID(), randomUUID()].sort();
    const append = (tenant: string, streamId: string, count: number) =>
      store.append({
        tenant,
        streamId,
        streamType: 'thing',
        expectedVersion: 'any',
        events: Array.from({ length: count }, () => ({ id: randomUUID(), type: 'Thing', data: {} })),
        metadata: { correlationId: randomUUID(), actor: { type: 'system', id: 'test' } },
      });
    await append(tenants[1], 'shared', 3);
    await append(tenants[0], 'shared', 1);
    await append(tenants[0], 'own', 2);

    expect(await streamTenants(t.database.db, 'shared')).toEqual(tenants);
    expect(await streamTenants(t.database.db, 'own')).toEqual([tenants[0]]);
    expect(await streamTenants(t.database.db, 'none')).toEqual([]);
  });
});
