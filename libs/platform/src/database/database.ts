import { Kysely, PostgresDialect } from 'kysely';
import { Pool } from 'pg';

/** One pool and one Kysely instance per process, shared by every context. */
export class Database {
  constructor(
    readonly pool: Pool,
    readonly db: Kysely<any>,
    readonly url: string,
  ) {}

  async close(): Promise<void> {
    await this.db.destroy(); // ends the pool too
  }
}

export interface DatabaseOptions {
  readonly url: string;
  readonly poolSize?: number;
  readonly applicationName?: string;
}

export function createDatabase({ url, poolSize = 20, applicationName = 'customer-management' }: DatabaseOptions): Database {
  const pool = new Pool({
    connectionString: url,
    max: poolSize,
    application_name: applicationName,
    // A transaction left open would hold back every subscription (see the event store ADR).
    options: '-c idle_in_transaction_session_timeout=60000',
  });
  pool.on('error', () => undefined); // idle client errors surface on the next checkout
  const db = new Kysely<any>({ dialect: new PostgresDialect({ pool }) });
  return new Database(pool, db, url);
}
