import { type Kysely, sql } from 'kysely';

/**
 * The tenants (organization ids) that have a stream with this id: stream ids are unique per tenant only.
 * Every stream has a version 1; the primary key (stream_id, tenant_id, version) finds them.
 */
export async function streamTenants(db: Kysely<any>, streamId: string): Promise<string[]> {
  const { rows } = await sql<{ tenant_id: string }>`
    SELECT tenant_id FROM event_store.events WHERE stream_id = ${streamId} AND version = 1 ORDER BY tenant_id`.execute(db);
  return rows.map((row) => row.tenant_id);
}
