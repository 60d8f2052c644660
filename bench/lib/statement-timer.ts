import { Kysely, PostgresDialect } from 'kysely';
import { Pool, type PoolClient } from 'pg';
import { Database } from '@cm/platform';

/** Count and total milliseconds of one kind of statement. */
export interface StatementTime {
  count: number;
  ms: number;
}

/** A {@link Database} whose every statement is timed at the `pg` client, from sending it to its result. */
export interface TimedDatabase {
  readonly database: Database;
  /** By the label `classify` gave the statement's text, in the order first seen. */
  readonly times: Map<string, StatementTime>;
}

type Callback = (error: Error | null, result: unknown) => void;

/**
 * A pool like `createDatabase`'s, whose clients time each `query` call (promise
 * and callback forms: Kysely uses the first, `pool.query` the second), BEGIN
 * and COMMIT included. For stage-by-stage timing, not for throughput.
 */
export function timedDatabase(url: string, poolSize: number, classify: (sql: string) => string): TimedDatabase {
  const times = new Map<string, StatementTime>();
  const record = (sql: string, started: number) => {
    const label = classify(sql.replace(/\s+/g, ' ').trim());
    const time = times.get(label) ?? { count: 0, ms: 0 };
    time.count++;
    time.ms += performance.now() - started;
    times.set(label, time);
  };
  const pool = new Pool({ connectionString: url, max: poolSize, application_name: 'bench-api-stages' });
  pool.on('error', () => undefined);
  pool.on('connect', (client: PoolClient) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    // pg's overloads do not survive a wrapper's types; the arguments are passed through unchanged.
    (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
      const first = args[0] as string | { text: string };
      const sql = typeof first === 'string' ? first : first.text;
      const started = performance.now();
      const last = args[args.length - 1];
      if (typeof last === 'function') {
        return query(...args.slice(0, -1), (error: Error | null, result: unknown) => {
          record(sql, started);
          (last as Callback)(error, result);
        });
      }
      const result = query(...args);
      if (!(result instanceof Promise)) return result; // a submittable (cursor, stream): not timed
      return result.then(
        (value) => {
          record(sql, started);
          return value;
        },
        (error: unknown) => {
          record(sql, started);
          throw error;
        },
      );
    };
  });
  const db = new Kysely<any>({ dialect: new PostgresDialect({ pool }) });
  return { database: new Database(pool, db, url), times };
}
