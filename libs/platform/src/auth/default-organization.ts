import { chmodSync, existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from '../database/database';
import { apiKeyDisplayPrefix, generateApiKey, hashApiKey } from './api-key';
import { anyOrganizationExists, insertApiKey, insertOrganization, lockFirstStart } from './platform-auth.store';
import type { PlatformTables } from './platform.tables';

/** The organization created on first start, with its key, to print once. */
export interface DefaultOrganization {
  readonly organizationId: string;
  readonly organizationName: string;
  readonly apiKeyId: string;
  readonly key: string;
  /** Where the key was written (mode 0600); undefined when writing failed (it was logged). */
  readonly keyFile: string | undefined;
}

export interface FirstStartLogger {
  log(message: string): void;
  warn(message: string): void;
}

/** The organization a fresh installation gets, so the API is usable at once. */
export const DEFAULT_ORGANIZATION_NAME = 'default';

/** The file under the data directory that holds the first API key. */
export const API_KEY_FILE_NAME = 'api-key';

/**
 * On a database without any organization, creates organization `default` with one
 * API key and writes the key to `<dataDir>/api-key` (mode 0600). Returns null when
 * an organization exists already. Safe when several processes start at once.
 */
export async function ensureDefaultOrganization(
  database: Database,
  dataDir: string,
  logger: FirstStartLogger = { log: () => undefined, warn: () => undefined },
): Promise<DefaultOrganization | null> {
  const db: Kysely<PlatformTables> = database.db;
  const created = await db.transaction().execute(async (trx) => {
    await lockFirstStart(trx);
    if (await anyOrganizationExists(trx)) return null;
    const organization = await insertOrganization(trx, DEFAULT_ORGANIZATION_NAME);
    const key = generateApiKey();
    const row = await insertApiKey(trx, organization.name, hashApiKey(key), apiKeyDisplayPrefix(key));
    if (!row) throw new Error('the default organization vanished inside its own transaction');
    return { organizationId: organization.id, organizationName: organization.name, apiKeyId: row.id, key };
  });
  if (!created) return null;

  // The key is committed already: a failed write must not lose it, the caller still prints it.
  let keyFile: string | undefined = join(dataDir, API_KEY_FILE_NAME);
  try {
    writeKeyFile(keyFile, created.key, logger);
  } catch (error) {
    logger.warn(`could not write the API key to ${keyFile}: ${(error as Error).message}`);
    keyFile = undefined;
  }
  return { ...created, keyFile };
}

function writeKeyFile(file: string, key: string, logger: FirstStartLogger): void {
  mkdirSync(join(file, '..'), { recursive: true });
  if (existsSync(file)) {
    // The database had no organization, so the old key authenticates nothing any more.
    logger.warn(`replacing ${file}: its key belonged to an earlier, now empty database`);
  }
  // Write then rename, so a reader never sees a half-written key.
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${key}\n`, { mode: 0o600 });
  chmodSync(temporary, 0o600); // in case the umask or an existing file kept wider rights
  renameSync(temporary, file);
}
