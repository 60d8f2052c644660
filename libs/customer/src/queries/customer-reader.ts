import { type Kysely, sql } from 'kysely';
import { CUSTOMER_COLUMNS, type CustomerRow } from '../projections/customer-row';
import { type CustomerView, customerView } from './customer.view';

/** Reads of the customer read model by key (current: it is kept inline with the appends). */
export class CustomerReader {
  constructor(private readonly db: Kysely<any>) {}

  async byId(tenant: string, id: string): Promise<CustomerView | undefined> {
    const { rows } = await sql<CustomerRow>`
      SELECT ${sql.raw(CUSTOMER_COLUMNS.join(', '))} FROM customer.customers
      WHERE tenant_id = ${tenant}::uuid AND id = ${id}::uuid`.execute(this.db);
    return rows[0] && customerView(rows[0]);
  }

  async byCustomerNumber(tenant: string, customerNumber: string): Promise<CustomerView | undefined> {
    const { rows } = await sql<CustomerRow>`
      SELECT ${sql.raw(CUSTOMER_COLUMNS.join(', '))} FROM customer.customers
      WHERE tenant_id = ${tenant}::uuid AND customer_number = ${customerNumber}`.execute(this.db);
    return rows[0] && customerView(rows[0]);
  }

  /** The deduplication look-up after the customer number: e-mail, case-insensitive; the oldest match. */
  async byEmail(tenant: string, email: string): Promise<CustomerView | undefined> {
    const { rows } = await sql<CustomerRow>`
      SELECT ${sql.raw(CUSTOMER_COLUMNS.join(', '))} FROM customer.customers
      WHERE tenant_id = ${tenant}::uuid AND lower(email) = lower(${email}) AND status <> 'forgotten'
      ORDER BY id LIMIT 1`.execute(this.db);
    return rows[0] && customerView(rows[0]);
  }
}
