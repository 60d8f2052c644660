import { randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from '../../../../test/setup/test-database';
import { checkpointOf } from '../event.types';
import { EventStore } from '../event-store';
import { eventStoreMigrations } from '../migrations';

/**
 * Commit order is numeric on the transaction id. Readers select it as text, so
 * the ordering must not fall back to the text column ('10' sorts before '9').
 */
describe('EventStore.readAll order across transaction ids of different lengths', () => {
  let t: TestDatabase;
  let store: EventStore;
  const tenant = randomUUID();

  beforeAll(async () => {
    t = await createTestDatabase([eventStoreMigrations]);
    store = new EventStore({ db: t.database.db, masterKey: randomBytes(32) });
    // Rows as if committed by transactions 9, 10 and 100 (all long finished, so readable).
    for (const [version, transactionId] of [[1, '9'], [2, '10'], [3, '100']] as const) {
      await sql`
        INSERT INTO event_store.events (transaction_id, tenant_id, stream_id, stream_type, version, event_id, type, data, metadata)
        VALUES (${transactionId}::xid8, ${tenant}::uuid, 's-order', 'thing', ${version}, ${randomUUID()}::uuid, 'Thing',
                ${JSON.stringify({ version })}::jsonb, ${JSON.stringify({ correlationId: 'c', actor: { type: 'system', id: 'test' } })}::jsonb)`.execute(
        t.database.db,
      );
    }
  });
  afterAll(() => t.drop());

  it('reads in numeric transaction id order', async () => {
    const events = await store.readAll({ tenant });
    expect(events.map((e) => e.transactionId)).toEqual([9n, 10n, 100n]);
  });

  it('resumes after a checkpoint without skipping or repeating', async () => {
    const [first] = await store.readAll({ tenant, limit: 1 });
    const rest = await store.readAll({ tenant, after: checkpointOf(first) });
    expect(rest.map((e) => e.version)).toEqual([2, 3]);
  });
});
