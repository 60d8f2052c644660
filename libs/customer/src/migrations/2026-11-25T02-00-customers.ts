import { type Kysely, sql } from 'kysely';

/**
 * The customer read model, kept inline with the appends: read-after-write, and
 * the unique index on (tenant, customer number) makes a taken number fail the
 * append itself, atomically.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE customer.customers (
      tenant_id         uuid        NOT NULL,
      id                uuid        NOT NULL,
      type              text        NOT NULL CHECK (type IN ('person', 'company')),
      status            text        NOT NULL CHECK (status IN ('active', 'archived', 'forgotten')),
      customer_number   text,
      first_name        text,
      last_name         text,
      company_name      text,
      enterprise_number text,
      vat_number        text,
      email             text,
      mobile            text,
      language          text        NOT NULL,
      address           text,
      zip               text,
      city              text,
      country           text,
      version           integer     NOT NULL,
      created_at        timestamptz NOT NULL,
      updated_at        timestamptz NOT NULL,
      search            tsvector    NOT NULL,
      PRIMARY KEY (tenant_id, id)
    )`.execute(db);
  await sql`CREATE UNIQUE INDEX customers_number_unique ON customer.customers (tenant_id, customer_number)
    WHERE customer_number IS NOT NULL`.execute(db);
  await sql`CREATE INDEX customers_email ON customer.customers (tenant_id, lower(email)) WHERE email IS NOT NULL`.execute(db);
  await sql`CREATE INDEX customers_search ON customer.customers USING gin (search)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE customer.customers`.execute(db);
}
