import { type Kysely, sql } from 'kysely';
import { isCustomerId } from '../../application/customer-id';

/** Where a customer lives: its organization (tenant) and id. */
export interface CustomerLocation {
  readonly tenant: string;
  readonly customerId: string;
  readonly customerNumber: string | null;
}

/**
 * The customers a key names, across organizations (for operators): a UUID is
 * an id, anything else a customer number (those are at most 35 characters, so
 * never a UUID). `tenant` narrows the search to one organization. Forgotten
 * customers are found too: their row keeps the id and number.
 */
export async function locateCustomers(db: Kysely<any>, key: string, tenant?: string): Promise<CustomerLocation[]> {
  const byId = isCustomerId(key);
  const { rows } = await sql<{ tenant_id: string; id: string; customer_number: string | null }>`
    SELECT tenant_id, id, customer_number FROM customer.customers
    WHERE ${byId ? sql`id = ${key.toLowerCase()}::uuid` : sql`customer_number = ${key}`}
      ${tenant !== undefined ? sql`AND tenant_id = ${tenant}::uuid` : sql``}
    ORDER BY tenant_id`.execute(db);
  return rows.map((row) => ({ tenant: row.tenant_id, customerId: row.id, customerNumber: row.customer_number }));
}
