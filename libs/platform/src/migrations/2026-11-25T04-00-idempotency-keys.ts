import { type Kysely, sql } from 'kysely';

/**
 * Idempotency keys of the HTTP API, per organization. A row is claimed
 * (`in_progress`) by the first request with a key and holds that request's
 * response once it succeeded (`completed`). Rows expire after their retention.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE platform.idempotency_keys (
      organization_id  uuid        NOT NULL REFERENCES platform.organizations (id) ON DELETE CASCADE,
      idempotency_key  text        NOT NULL,
      fingerprint      bytea       NOT NULL,
      state            text        NOT NULL,
      claim_token      uuid        NOT NULL,
      locked_until     timestamptz,
      response_status  smallint,
      response_headers jsonb,
      response_body    jsonb,
      created_at       timestamptz NOT NULL DEFAULT now(),
      completed_at     timestamptz,
      expires_at       timestamptz NOT NULL,
      PRIMARY KEY (organization_id, idempotency_key),
      CONSTRAINT idempotency_keys_key_length CHECK (char_length(idempotency_key) BETWEEN 1 AND 255),
      CONSTRAINT idempotency_keys_fingerprint_length CHECK (octet_length(fingerprint) = 32),
      CONSTRAINT idempotency_keys_state CHECK (state IN ('in_progress', 'completed')),
      CONSTRAINT idempotency_keys_completed_has_response CHECK (state = 'in_progress' OR response_status IS NOT NULL)
    )`.execute(db);
  await sql`CREATE INDEX idempotency_keys_expires_at ON platform.idempotency_keys (expires_at)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE platform.idempotency_keys`.execute(db);
}
