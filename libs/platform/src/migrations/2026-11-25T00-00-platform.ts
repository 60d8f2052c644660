import { type Kysely, sql } from 'kysely';

/** Organizations (the tenants) and their API keys. Keys are stored as SHA-256 hashes only. */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE platform.organizations (
      id         uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
      name       text        NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT organizations_name_key UNIQUE (name),
      CONSTRAINT organizations_name_format CHECK (name ~ '^[a-z0-9][a-z0-9-]{0,99}$')
    )`.execute(db);

  await sql`
    CREATE TABLE platform.api_keys (
      id              uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
      organization_id uuid        NOT NULL REFERENCES platform.organizations (id),
      key_hash        bytea       NOT NULL,
      prefix          text        NOT NULL,
      created_at      timestamptz NOT NULL DEFAULT now(),
      revoked_at      timestamptz,
      CONSTRAINT api_keys_key_hash_key UNIQUE (key_hash),
      CONSTRAINT api_keys_key_hash_length CHECK (octet_length(key_hash) = 32)
    )`.execute(db);
  await sql`CREATE INDEX api_keys_organization ON platform.api_keys (organization_id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE platform.api_keys`.execute(db);
  await sql`DROP TABLE platform.organizations`.execute(db);
}
