import { type Kysely, sql } from 'kysely';

/** The tenants (organization ids) that have a stream with this id: stream ids are unique per tenant only. */
export async function streamTenants(db: Kysely<any>, streamId: string): Promise<string[]> {
  const { rows } = await sql<{ tenant_id: string }>`
    SELECT tenant_id FROM event_store.streams WHERE stream_id = ${streamId} ORDER BY tenant_id`.execute(db);
  return rows.map((row) => row.tenant_id);
}
