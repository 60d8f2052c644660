import { type Kysely, sql } from 'kysely';

/** Who changed what, indexed by actor and by correlation: the events table is indexed by stream only. */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE event_store.audit_log (
      tenant_id      uuid        NOT NULL,
      position       bigint      NOT NULL,
      stream_id      text        NOT NULL,
      stream_type    text        NOT NULL,
      version        bigint      NOT NULL,
      event_type     text        NOT NULL,
      actor_type     text        NOT NULL,
      actor_id       text        NOT NULL,
      correlation_id text        NOT NULL,
      recorded_at    timestamptz NOT NULL,
      PRIMARY KEY (tenant_id, position)
    )`.execute(db);
  await sql`CREATE INDEX audit_log_actor ON event_store.audit_log (tenant_id, actor_type, actor_id, recorded_at)`.execute(db);
  await sql`CREATE INDEX audit_log_correlation ON event_store.audit_log (tenant_id, correlation_id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE event_store.audit_log`.execute(db);
}
