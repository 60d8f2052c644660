import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { Client } from 'pg';
import { createTestDatabase, type TestDatabase } from '../../../test/setup/test-database';
import { eventStoreMigrations } from './migrations';

const tenant = randomUUID();
const metadata = JSON.stringify({ correlationId: randomUUID(), actor: { type: 'system', id: 'test' } });
const events = (count: number) => JSON.stringify(Array.from({ length: count }, () => ({ id: randomUUID(), type: 'Thing', data: { n: 1 } })));

/**
 * `append_events` keeps its plans for the life of a connection. Plans made while the events table
 * is empty and has no statistics (a fresh database, a truncated table) must stay cheap once the
 * table has grown: no statement may scan a tenant's whole history on every append.
 */
describe('append_events plans made before the events table has statistics', () => {
  let t: TestDatabase;
  let client: Client;

  /** Buffers touched by one append (the function's own statements included). */
  const blocksOf = async (streamId: string, condition: string, expected: number, count: number): Promise<number> => {
    const { rows } = await client.query(
      'EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) SELECT * FROM event_store.append_events($1, $2, $3, $4, $5, $6, $7)',
      [tenant, streamId, 'thing', condition, expected, events(count), metadata],
    );
    const plan = rows[0]['QUERY PLAN'][0].Plan;
    return plan['Shared Hit Blocks'] + plan['Shared Read Blocks'];
  };

  beforeAll(async () => {
    t = await createTestDatabase([eventStoreMigrations]);
    // No analyze behind the test's back: it would replace the plans under test.
    await sql`ALTER TABLE event_store.events SET (autovacuum_enabled = false)`.execute(t.database.db);
    client = new Client({ connectionString: t.url });
    await client.connect();
    // What the plan cache settles on after a few calls anyway.
    await client.query('SET plan_cache_mode = force_generic_plan');
  });
  afterAll(async () => {
    await client?.end();
    await t?.drop();
  });

  it('probes the event id index and the stream, not the tenant, after the table has grown', async () => {
    // Plans made while the table is empty, for every path of the function.
    await blocksOf('s-0', 'no_stream', -1, 1);
    await blocksOf('s-0', 'exact', 1, 2);
    await blocksOf('s-0', 'any', -1, 1);
    await blocksOf('s-0', 'stream_exists', -1, 1);
    await blocksOf('s-1', 'exact', 0, 1);

    // 50,000 events of the same tenant, without statistics.
    await client.query(
      `INSERT INTO event_store.events (tenant_id, stream_id, stream_type, version, event_id, type, data, metadata)
       SELECT $1, 'bulk-' || g, 'thing', 1, gen_random_uuid(), 'Thing', '{}', $2 FROM generate_series(1, 50000) g`,
      [tenant, metadata],
    );

    // Index probes touch a few dozen pages; a scan of the tenant's range of an index, thousands.
    expect(await blocksOf('s-2', 'no_stream', -1, 1)).toBeLessThan(100);
    expect(await blocksOf('s-2', 'exact', 1, 3)).toBeLessThan(100);
    expect(await blocksOf('s-2', 'any', -1, 1)).toBeLessThan(100);
    expect(await blocksOf('s-2', 'stream_exists', -1, 1)).toBeLessThan(100);
    expect(await blocksOf('s-3', 'exact', 0, 1)).toBeLessThan(100);
  });
});
