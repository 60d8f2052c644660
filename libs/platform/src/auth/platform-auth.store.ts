import { type Kysely, sql } from 'kysely';
import { OrganizationNameTakenError } from './auth.errors';
import type { ApiKeySummary, Organization } from './auth.types';
import type { PlatformTables } from './platform.tables';
import type { TenantContext } from './tenant-context';

/** The SQL of organizations and API keys. Each function takes a Kysely instance or a transaction. */
type Db = Kysely<PlatformTables>;

const UUID_FORMAT = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function insertOrganization(db: Db, name: string): Promise<Organization> {
  try {
    const row = await db
      .insertInto('platform.organizations')
      .values({ name })
      .returning(['id', 'name', 'created_at'])
      .executeTakeFirstOrThrow();
    return { id: row.id, name: row.name, createdAt: row.created_at };
  } catch (error) {
    const { code, constraint } = error as { code?: string; constraint?: string };
    if (code === '23505' && constraint === 'organizations_name_key') throw new OrganizationNameTakenError(name);
    throw error;
  }
}

export async function selectOrganizationByName(db: Db, name: string): Promise<Organization | undefined> {
  const row = await db
    .selectFrom('platform.organizations')
    .select(['id', 'name', 'created_at'])
    .where('name', '=', name)
    .executeTakeFirst();
  return row && { id: row.id, name: row.name, createdAt: row.created_at };
}

export async function selectOrganizations(db: Db): Promise<Organization[]> {
  const rows = await db.selectFrom('platform.organizations').select(['id', 'name', 'created_at']).orderBy('name').execute();
  return rows.map((row) => ({ id: row.id, name: row.name, createdAt: row.created_at }));
}

export async function anyOrganizationExists(db: Db): Promise<boolean> {
  const row = await db.selectFrom('platform.organizations').select('id').limit(1).executeTakeFirst();
  return row !== undefined;
}

/** Serialises first-start set-up across processes (API and CLI booting together); released at commit. */
export async function lockFirstStart(db: Db): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtext('platform.first-start'))`.execute(db);
}

/** One round trip: the organization is looked up inside the INSERT. Undefined when it does not exist. */
export async function insertApiKey(
  db: Db,
  organizationName: string,
  keyHash: Buffer,
  prefix: string,
): Promise<{ id: string; organizationId: string } | undefined> {
  const row = await db
    .insertInto('platform.api_keys')
    .columns(['organization_id', 'key_hash', 'prefix'])
    .expression((eb) =>
      eb
        .selectFrom('platform.organizations')
        .select((s) => ['id', s.val(keyHash).as('key_hash'), s.val(prefix).as('prefix')])
        .where('name', '=', organizationName),
    )
    .returning(['id', 'organization_id'])
    .executeTakeFirst();
  return row && { id: row.id, organizationId: row.organization_id };
}

export async function selectTenantByKeyHash(db: Db, keyHash: Buffer): Promise<TenantContext | undefined> {
  const row = await db
    .selectFrom('platform.api_keys as k')
    .innerJoin('platform.organizations as o', 'o.id', 'k.organization_id')
    .select(['k.id as apiKeyId', 'o.id as organizationId', 'o.name as organizationName'])
    .where('k.key_hash', '=', keyHash)
    .where('k.revoked_at', 'is', null)
    .executeTakeFirst();
  return row && { organizationId: row.organizationId, organizationName: row.organizationName, apiKeyId: row.apiKeyId };
}

export async function selectApiKeys(db: Db, organizationName: string): Promise<ApiKeySummary[]> {
  const rows = await db
    .selectFrom('platform.api_keys as k')
    .innerJoin('platform.organizations as o', 'o.id', 'k.organization_id')
    .select(['k.id', 'k.organization_id', 'k.prefix', 'k.created_at', 'k.revoked_at'])
    .where('o.name', '=', organizationName)
    .orderBy('k.created_at')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    organizationId: row.organization_id,
    prefix: row.prefix,
    createdAt: row.created_at,
    revokedAt: row.revoked_at,
  }));
}

/** True when a live key was revoked by this call. */
export async function markApiKeyRevoked(db: Db, id: string): Promise<boolean> {
  if (!UUID_FORMAT.test(id)) return false;
  const result = await db
    .updateTable('platform.api_keys')
    .set({ revoked_at: sql<Date>`now()` })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}
