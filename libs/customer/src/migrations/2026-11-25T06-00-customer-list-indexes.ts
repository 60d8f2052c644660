import { type Kysely, sql } from 'kysely';

/**
 * Keyset pages of `GET /v1/customers` filtered on status or country: the index
 * gives the rows in id order, so a rare value (forgotten customers, a small
 * country) or one with no match at all costs a few index pages instead of a
 * walk through the organization's whole primary key. Type (two values, neither
 * rare) and the search (GIN) need none of their own.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE INDEX customers_status ON customer.customers (tenant_id, status, id)`.execute(db);
  await sql`CREATE INDEX customers_country ON customer.customers (tenant_id, country, id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX customer.customers_country`.execute(db);
  await sql`DROP INDEX customer.customers_status`.execute(db);
}
