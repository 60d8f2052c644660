import { sql } from 'kysely';
import type { Database } from '../database/database';

export type DatabaseHealth =
  | { readonly status: 'up'; readonly version: string; readonly latencyMs: number }
  | { readonly status: 'down'; readonly error: string; readonly latencyMs: number };

/**
 * One round trip to the database, bounded by `timeoutMs`: the pool waits forever for a
 * connection by default, and a health probe must answer even when the server does not.
 */
export async function checkDatabase(database: Database, timeoutMs = 2_000): Promise<DatabaseHealth> {
  const started = performance.now();
  const elapsed = (): number => Math.round((performance.now() - started) * 10) / 10;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    const query = sql<{ version: string }>`SELECT current_setting('server_version') AS version`.execute(database.db);
    query.catch(() => undefined); // settles after a timeout too; nobody waits for it then
    const result = await Promise.race([query, timeout]);
    return { status: 'up', version: result.rows[0]!.version, latencyMs: elapsed() };
  } catch (error) {
    return { status: 'down', error: (error as Error).message || String(error), latencyMs: elapsed() };
  } finally {
    clearTimeout(timer);
  }
}
