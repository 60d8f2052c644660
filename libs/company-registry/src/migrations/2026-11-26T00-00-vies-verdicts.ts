import { type Kysely, sql } from 'kysely';

/**
 * VIES verdicts (valid / invalid), cached so a number is not asked twice
 * within the cache's lifetime. Transient errors are never stored.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE company_registry.vies_verdicts (
      country_code       text        NOT NULL,
      vat_number         text        NOT NULL,
      valid              boolean     NOT NULL,
      name               text,
      address            text,
      request_date       text,
      request_identifier text,
      checked_at         timestamptz NOT NULL,
      PRIMARY KEY (country_code, vat_number)
    )
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE IF EXISTS company_registry.vies_verdicts`.execute(db);
}
