import { type Kysely, sql } from 'kysely';

/**
 * Events, subscriptions and subject keys. Appends go through one SQL function
 * so that an append is a single round trip (see docs/adr/0002).
 */
export async function up(db: Kysely<any>): Promise<void> {
  // A stream is its events: the primary key (stream, tenant, version) is also the optimistic
  // concurrency check. global_position is unique by construction (identity, GENERATED ALWAYS);
  // readers order by (transaction_id, global_position), which events_global_order serves.
  await sql`
    CREATE TABLE event_store.events (
      global_position  bigint GENERATED ALWAYS AS IDENTITY,
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
      -- No index starts with tenant_id: no plan, even one made without statistics, can look up
      -- a stream or an event id by scanning a tenant's range of an index.
      CONSTRAINT events_stream_version PRIMARY KEY (stream_id, tenant_id, version),
      CONSTRAINT events_event_id UNIQUE (event_id, tenant_id)
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
  // ES409 = wrong expected version; DETAIL carries the actual version. A writer that takes a
  // version first makes the insert fail with a unique violation on events_stream_version (once
  // that writer commits): the caller maps it. No EXCEPTION block: it would cost a subtransaction.
  await sql`
    CREATE FUNCTION event_store.append_events(
      p_tenant uuid, p_stream_id text, p_stream_type text,
      p_condition text, p_expected bigint, p_events jsonb, p_metadata jsonb
    ) RETURNS TABLE (stream_version bigint, positions bigint[], duplicate boolean, transaction_id text, recorded_at timestamptz)
    LANGUAGE plpgsql AS $fn$
    DECLARE
      n bigint := jsonb_array_length(p_events);
      v_found bigint;
      v_base bigint := 0;
      v_version bigint;
      v_positions bigint[];
      v_transaction_id text;
      v_recorded_at timestamptz;
    BEGIN
      -- A retry? Every id of the request is looked up (the caller refuses a partial match), in
      -- one scan of events_event_id: event_id leads it, so "= ANY" is its index condition.
      SELECT count(*), max(e.version), array_agg(e.global_position ORDER BY e.global_position),
             min(e.transaction_id)::text, min(e.recorded_at)
        INTO v_found, v_version, v_positions, v_transaction_id, v_recorded_at
      FROM event_store.events e
      WHERE e.event_id = ANY(ARRAY(SELECT (x->>'id')::uuid FROM jsonb_array_elements(p_events) x))
        AND e.tenant_id = p_tenant;
      IF v_found > 0 THEN
        RETURN QUERY SELECT v_version, v_positions, true, v_transaction_id, v_recorded_at;
        RETURN;
      END IF;

      -- A new stream starts at version 1: the insert itself fails if version 1 exists. Otherwise
      -- the stream's last version (one backward probe of the primary key) is the base.
      IF NOT (p_condition = 'no_stream' OR (p_condition = 'exact' AND p_expected = 0)) THEN
        SELECT e.version INTO v_base FROM event_store.events e
        WHERE e.stream_id = p_stream_id AND e.tenant_id = p_tenant
        ORDER BY e.version DESC LIMIT 1;
        v_base := coalesce(v_base, 0);
        IF (p_condition = 'exact' AND v_base <> p_expected) OR (p_condition = 'stream_exists' AND v_base = 0) THEN
          RAISE EXCEPTION 'wrong expected version for stream %', p_stream_id
            USING ERRCODE = 'ES409', DETAIL = v_base::text;
        END IF;
      END IF;

      WITH inserted AS (
        INSERT INTO event_store.events
          (tenant_id, stream_id, stream_type, version, event_id, type, schema_version, data, metadata, personal_subject)
        SELECT p_tenant, p_stream_id, p_stream_type, v_base + e.ord,
               (e.value->>'id')::uuid, e.value->>'type',
               coalesce((e.value->>'schemaVersion')::integer, 1),
               e.value->'data', p_metadata, e.value->>'subject'
        FROM jsonb_array_elements(p_events) WITH ORDINALITY AS e(value, ord)
        ORDER BY e.ord
        RETURNING global_position
      )
      SELECT array_agg(global_position ORDER BY global_position) INTO v_positions FROM inserted;

      RETURN QUERY SELECT v_base + n, v_positions, false, pg_current_xact_id()::text, now();
    END
    $fn$`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP FUNCTION event_store.append_events`.execute(db);
  for (const table of ['subject_keys', 'subscriptions', 'events']) {
    await sql`DROP TABLE ${sql.table(`event_store.${table}`)}`.execute(db);
  }
}
