import { sql } from 'kysely';
import type { Projection } from '../projections/projection.types';

/** `event_store.audit_log`: one row per event, for "who changed what" across all streams. */
export const auditLogProjection: Projection = {
  name: 'audit-log',
  tables: ['event_store.audit_log'],
  async apply(trx, events, tables) {
    if (events.length === 0) return;
    const column = <T>(pick: (e: (typeof events)[number]) => T) => events.map(pick);
    await sql`
      INSERT INTO ${sql.table(tables.table('event_store.audit_log'))}
        (tenant_id, position, stream_id, stream_type, version, event_type, actor_type, actor_id, correlation_id, recorded_at)
      SELECT * FROM unnest(
        ${column((e) => e.tenant)}::uuid[], ${column((e) => e.position.toString())}::bigint[],
        ${column((e) => e.streamId)}::text[], ${column((e) => e.streamType)}::text[],
        ${column((e) => e.version)}::bigint[], ${column((e) => e.type)}::text[],
        ${column((e) => e.metadata.actor?.type ?? 'unknown')}::text[], ${column((e) => e.metadata.actor?.id ?? 'unknown')}::text[],
        ${column((e) => e.metadata.correlationId ?? '')}::text[], ${column((e) => e.recordedAt)}::timestamptz[])
      ON CONFLICT (tenant_id, position) DO NOTHING`.execute(trx);
  },
};
