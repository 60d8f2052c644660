import type { EventMetadata } from '../event.types';

/** An events row as the readers select it (int8 and xid8 as text). */
export interface EventRow {
  readonly tenant_id: string;
  readonly stream_id: string;
  readonly stream_type: string;
  readonly version: string;
  readonly global_position: string;
  readonly transaction_id: string;
  readonly event_id: string;
  readonly type: string;
  readonly schema_version: number;
  readonly data: unknown;
  readonly metadata: EventMetadata;
  readonly personal_subject: string | null;
  readonly recorded_at: Date;
}

export const EVENT_COLUMNS = `tenant_id, stream_id, stream_type, version, global_position,
  transaction_id::text AS transaction_id, event_id, type, schema_version, data, metadata,
  personal_subject, recorded_at`;
