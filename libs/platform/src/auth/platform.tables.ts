import type { Generated } from 'kysely';

/** Row types of schema `platform` (see migrations/2026-11-25T00-00-platform.ts). */
export interface PlatformTables {
  readonly 'platform.organizations': OrganizationsTable;
  readonly 'platform.api_keys': ApiKeysTable;
}

export interface OrganizationsTable {
  readonly id: Generated<string>;
  readonly name: string;
  readonly created_at: Generated<Date>;
}

export interface ApiKeysTable {
  readonly id: Generated<string>;
  readonly organization_id: string;
  readonly key_hash: Buffer;
  readonly prefix: string;
  readonly created_at: Generated<Date>;
  readonly revoked_at: Date | null;
}
