import { type Kysely, type RawBuilder, sql } from 'kysely';
import { CUSTOMER_COLUMNS, type CustomerRow } from '../../projections/customer-row';
import { type CustomerView, customerView } from '../customer.view';
import { type CustomerListFilter, encodeCursor, prefixTsQuery } from './list-customers.params';

/** One page of customers, and the cursor of the next page (null on the last). */
export interface CustomerPage {
  readonly items: readonly CustomerView[];
  readonly nextCursor: string | null;
}

/**
 * `ListCustomers`: one organization's customers in id (= creation) order,
 * keyset-paginated, filtered on the read model. Every filter is a predicate
 * on `customer.customers`; the indexes that keep each shape fast (primary key,
 * (tenant, status, id), (tenant, country, id), customer number, the search GIN)
 * are in the migrations.
 */
export class ListCustomersQuery {
  constructor(private readonly db: Kysely<any>) {}

  async list(tenant: string, filter: CustomerListFilter): Promise<CustomerPage> {
    const statement = this.statement(tenant, filter);
    if (!statement) return { items: [], nextCursor: null };
    const { rows } = await statement.execute(this.db);
    const page = rows.slice(0, filter.limit);
    const more = rows.length > filter.limit;
    return { items: page.map(customerView), nextCursor: more ? encodeCursor(page[page.length - 1].id) : null };
  }

  /**
   * The SELECT for a page (one row more than asked tells whether there is a
   * next page). Undefined when nothing can match: a search with no word in it
   * (only punctuation) finds nothing, rather than everything.
   */
  statement(tenant: string, filter: CustomerListFilter): RawBuilder<CustomerRow> | undefined {
    const conditions = [sql`tenant_id = ${tenant}::uuid`];
    if (filter.customerNumber !== undefined) conditions.push(sql`customer_number = ${filter.customerNumber}`);
    if (filter.type !== undefined) conditions.push(sql`type = ${filter.type}`);
    if (filter.status !== undefined) conditions.push(sql`status = ${filter.status}`);
    if (filter.country !== undefined) conditions.push(sql`country = ${filter.country}`);
    if (filter.q !== undefined) {
      const query = prefixTsQuery(filter.q);
      if (query === undefined) return undefined;
      conditions.push(sql`search @@ to_tsquery('simple', ${query})`);
    }
    if (filter.afterId !== undefined) conditions.push(sql`id > ${filter.afterId}::uuid`);
    return sql<CustomerRow>`
      SELECT ${sql.raw(CUSTOMER_COLUMNS.join(', '))} FROM customer.customers
      WHERE ${sql.join(conditions, sql` AND `)}
      ORDER BY id
      LIMIT ${filter.limit + 1}`;
  }
}
