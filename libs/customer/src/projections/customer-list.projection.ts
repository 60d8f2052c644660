import { type Kysely, sql } from 'kysely';
import { type InlineProjection, liveTables, type Projection, type ProjectionTables, type StoredEvent } from '@cm/event-store';
import { CUSTOMER_STREAM_TYPE, type CustomerEvent } from '../domain/customer.events';
import { evolve, initialState, type CustomerState } from '../domain/customer.state';
import { CUSTOMER_COLUMNS, type CustomerRow, rowFromState, stateFromRow } from './customer-row';
import { foldForSearch } from './search-terms';

const TABLE = 'customer.customers';

/**
 * `customer.customers`: one row per customer, updated in the append's own
 * transaction. Its unique (tenant, customer number) index is what makes a
 * taken number fail the append. Rebuildable like any projection.
 */
export const customerListProjection: Projection & InlineProjection = {
  name: 'customer-list',
  streamTypes: [CUSTOMER_STREAM_TYPE],
  tables: [TABLE],
  inline: true,
  async apply(trx: Kysely<any>, events: readonly StoredEvent[], tables: ProjectionTables = liveTables) {
    const table = tables.table(TABLE);
    for (const stream of groupByStream(events)) {
      const first = stream[0];
      const { rows } = await sql<CustomerRow>`
        SELECT ${sql.raw(CUSTOMER_COLUMNS.join(', '))} FROM ${sql.table(table)}
        WHERE tenant_id = ${first.tenant}::uuid AND id = ${customerIdOf(first)}::uuid`.execute(trx);
      const current = rows[0];
      const pending = current ? stream.filter((e) => e.version > current.version) : stream;
      if (pending.length === 0) continue; // already applied: idempotent
      let state: CustomerState = current ? stateFromRow(current) : initialState;
      for (const event of pending) state = evolve(state, event as unknown as CustomerEvent);
      const last = pending[pending.length - 1];
      const row = rowFromState(first.tenant, state, {
        version: last.version,
        createdAt: current?.created_at ?? first.recordedAt,
        updatedAt: last.recordedAt,
      });
      if (row) await upsert(trx, table, row);
    }
  },
};

async function upsert(trx: Kysely<any>, table: string, row: CustomerRow): Promise<void> {
  const values = CUSTOMER_COLUMNS.map((column) => sql`${row[column]}`);
  const updates = CUSTOMER_COLUMNS.filter((c) => c !== 'tenant_id' && c !== 'id').map((c) => sql.raw(`${c} = EXCLUDED.${c}`));
  await sql`
    INSERT INTO ${sql.table(table)} (${sql.raw(CUSTOMER_COLUMNS.join(', '))}, search)
    VALUES (${sql.join(values)}, to_tsvector('simple', ${searchText(row)}))
    ON CONFLICT (tenant_id, id) DO UPDATE SET ${sql.join(updates)}, search = EXCLUDED.search`.execute(trx);
}

/** What `q` finds: names, company name, e-mail (whole, local part, domain), customer and enterprise number. */
export function searchText(row: CustomerRow): string {
  const email = row.email ? [row.email, ...row.email.split('@')] : [];
  const parts = [row.first_name, row.last_name, row.company_name, ...email, row.customer_number, row.enterprise_number];
  return foldForSearch(parts.filter((p): p is string => !!p).join(' '));
}

const customerIdOf = (event: StoredEvent): string => (event.data as { customerId: string }).customerId;

function groupByStream(events: readonly StoredEvent[]): StoredEvent[][] {
  const streams = new Map<string, StoredEvent[]>();
  for (const event of events) {
    const key = `${event.tenant}/${event.streamId}`;
    streams.set(key, [...(streams.get(key) ?? []), event]);
  }
  return [...streams.values()];
}
