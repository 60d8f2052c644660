import { type Kysely, sql } from 'kysely';

/**
 * Streams, events, subscriptions and subject keys. Appends go through one SQL
 * function so that an append is a single round trip (see docs/adr/0002).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE event_store.streams (
      tenant_id   uuid   NOT NULL,
      stream_id   text   NOT NULL,
      stream_type text   NOT NULL,
      version     bigint NOT NULL,
      PRIMARY KEY (tenant_id, stream_id)
    )`.execute(db);

  await sql`
    CREATE TABLE event_store.events (
      global_position  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      transaction_id   xid8        NOT NULL DEFAULT pg_current_xact_id(),
      tenant_id        uuid        NOT NULL,
      stream_id        text        NOT NULL,
      stream_type      text        NOT NULL,
      version          bigint      NOT NULL,
      event_id         uuid        NOT NULL,
      type             text        NOT NULL,
      schema_version   integer     NOT NULL DEFAULT 1,
      data             jsonb       NOT NULL,
      metadata         jsonb       NOT NULL,
      personal_subject text,
      recorded_at      timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT events_stream_version UNIQUE (tenant_id, stream_id, version),
      CONSTRAINT events_event_id UNIQUE (tenant_id, event_id)
    )`.execute(db);
  await sql`CREATE INDEX events_global_order ON event_store.events (transaction_id, global_position)`.execute(db);
  await sql`CREATE INDEX events_type_order ON event_store.events (stream_type, transaction_id, global_position)`.execute(db);

  await sql`
    CREATE TABLE event_store.subscriptions (
      name                 text        PRIMARY KEY,
      last_transaction_id  xid8        NOT NULL DEFAULT '0',
      last_position        bigint      NOT NULL DEFAULT 0,
      status               text        NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'failed')),
      failed_position      bigint,
      failed_event_id      uuid,
      error                text,
      attempts             integer     NOT NULL DEFAULT 0,
      updated_at           timestamptz NOT NULL DEFAULT now()
    )`.execute(db);

  await sql`
    CREATE TABLE event_store.subject_keys (
      tenant_id   uuid        NOT NULL,
      subject_id  text        NOT NULL,
      wrapped_key bytea       NOT NULL,
      created_at  timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (tenant_id, subject_id)
    )`.execute(db);

  // One round trip per append: idempotency check, optimistic version check, insert.
  // ES409 = wrong expected version; DETAIL carries the actual version.
  await sql`
    CREATE FUNCTION event_store.append_events(
      p_tenant uuid, p_stream_id text, p_stream_type text,
      p_condition text, p_expected bigint, p_events jsonb, p_metadata jsonb
    ) RETURNS TABLE (stream_version bigint, positions bigint[], duplicate boolean, transaction_id text, recorded_at timestamptz)
    LANGUAGE plpgsql AS $fn$
    DECLARE
      n bigint := jsonb_array_length(p_events);
      v_version bigint;
      v_actual bigint;
      v_positions bigint[];
    BEGIN
      IF EXISTS (SELECT 1 FROM event_store.events e
                 WHERE e.tenant_id = p_tenant AND e.event_id = (p_events->0->>'id')::uuid) THEN
        RETURN QUERY
          SELECT max(e.version), array_agg(e.global_position ORDER BY e.global_position), true,
                 min(e.transaction_id::text), min(e.recorded_at)
          FROM event_store.events e
          WHERE e.tenant_id = p_tenant
            AND e.event_id IN (SELECT (x->>'id')::uuid FROM jsonb_array_elements(p_events) x);
        RETURN;
      END IF;

      IF p_condition = 'any' THEN
        INSERT INTO event_store.streams AS s (tenant_id, stream_id, stream_type, version)
        VALUES (p_tenant, p_stream_id, p_stream_type, n)
        ON CONFLICT (tenant_id, stream_id) DO UPDATE SET version = s.version + n
        RETURNING s.version INTO v_version;
      ELSIF p_condition = 'no_stream' OR (p_condition = 'exact' AND p_expected = 0) THEN
        INSERT INTO event_store.streams (tenant_id, stream_id, stream_type, version)
        VALUES (p_tenant, p_stream_id, p_stream_type, n)
        ON CONFLICT (tenant_id, stream_id) DO NOTHING
        RETURNING version INTO v_version;
      ELSIF p_condition = 'stream_exists' THEN
        UPDATE event_store.streams s SET version = s.version + n
        WHERE s.tenant_id = p_tenant AND s.stream_id = p_stream_id
        RETURNING s.version INTO v_version;
      ELSE
        UPDATE event_store.streams s SET version = s.version + n
        WHERE s.tenant_id = p_tenant AND s.stream_id = p_stream_id AND s.version = p_expected
        RETURNING s.version INTO v_version;
      END IF;

      IF v_version IS NULL THEN
        SELECT s.version INTO v_actual FROM event_store.streams s
        WHERE s.tenant_id = p_tenant AND s.stream_id = p_stream_id;
        RAISE EXCEPTION 'wrong expected version for stream %', p_stream_id
          USING ERRCODE = 'ES409', DETAIL = coalesce(v_actual, 0)::text;
      END IF;

      WITH inserted AS (
        INSERT INTO event_store.events
          (tenant_id, stream_id, stream_type, version, event_id, type, schema_version, data, metadata, personal_subject)
        SELECT p_tenant, p_stream_id, p_stream_type, v_version - n + e.ord,
               (e.value->>'id')::uuid, e.value->>'type',
               coalesce((e.value->>'schemaVersion')::integer, 1),
               e.value->'data', p_metadata, e.value->>'subject'
        FROM jsonb_array_elements(p_events) WITH ORDINALITY AS e(value, ord)
        ORDER BY e.ord
        RETURNING global_position
      )
      SELECT array_agg(global_position ORDER BY global_position) INTO v_positions FROM inserted;

      RETURN QUERY SELECT v_version, v_positions, false, pg_current_xact_id()::text, now();
    END
    $fn$`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP FUNCTION event_store.append_events`.execute(db);
  for (const table of ['subject_keys', 'subscriptions', 'events', 'streams']) {
    await sql`DROP TABLE ${sql.table(`event_store.${table}`)}`.execute(db);
  }
}
