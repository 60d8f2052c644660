import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { eventStoreMigrations } from '@cm/event-store';
import { createTestDatabase, type TestDatabase } from '../../../../test/setup/test-database';
import { tailStart } from './tail-start.query';

/**
 * `events tail` starts just before the latest events in commit order, which is numeric on the
 * transaction id. The query selects it as text, so its ORDER BY must not sort that text column.
 */
describe('tailStart across transaction ids of different lengths', () => {
  let t: TestDatabase;
  const tenant = randomUUID();
  const positions = new Map<string, bigint>();

  beforeAll(async () => {
    t = await createTestDatabase([eventStoreMigrations]);
    // Rows as if committed by transactions 9, 10 and 100 (all long finished, so readable).
    for (const [version, transactionId] of [[1, '9'], [2, '10'], [3, '100']] as const) {
      const { rows } = await sql<{ position: string }>`
        INSERT INTO event_store.events (transaction_id, tenant_id, stream_id, stream_type, version, event_id, type, data, metadata)
        VALUES (${transactionId}::xid8, ${tenant}::uuid, 's-tail', 'thing', ${version}, ${randomUUID()}::uuid, 'Thing', '{}'::jsonb,
                ${JSON.stringify({ correlationId: 'c', actor: { type: 'system', id: 'test' } })}::jsonb)
        RETURNING global_position::text AS position`.execute(t.database.db);
      positions.set(transactionId, BigInt(rows[0].position));
    }
  });
  afterAll(() => t.drop());

  it('starts before the latest events in numeric transaction id order', async () => {
    expect(await tailStart(t.database.db, 1, { tenant })).toEqual({ transactionId: 10n, position: positions.get('10') });
    expect(await tailStart(t.database.db, 2, { tenant })).toEqual({ transactionId: 9n, position: positions.get('9') });
  });

  it('starts at the beginning when fewer events match', async () => {
    expect(await tailStart(t.database.db, 3, { tenant })).toEqual({ transactionId: 0n, position: 0n });
  });
});
