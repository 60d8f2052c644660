import type { PersonalDataCipher } from '../crypto/personal-data-cipher';
import type { StoredEvent } from '../event.types';
import type { Upcasters } from '../upcasting/upcasters';
import type { EventRow } from './event-row';

/** Rows to events: personal fields opened (or erased), then upcast to the newest shape. */
export class EventDecoder {
  constructor(
    private readonly cipher: PersonalDataCipher,
    private readonly upcasters: Upcasters,
  ) {}

  async decode(rows: readonly EventRow[]): Promise<StoredEvent[]> {
    const subjects = new Map<string, { tenant: string; subject: string }>();
    for (const row of rows) {
      if (row.personal_subject) subjects.set(`${row.tenant_id}/${row.personal_subject}`, { tenant: row.tenant_id, subject: row.personal_subject });
    }
    const keys = await this.cipher.loadKeys([...subjects.values()]);
    return rows.map((row) => {
      const { data, erased } = row.personal_subject
        ? this.cipher.openFields(row.tenant_id, row.personal_subject, row.data, keys)
        : { data: row.data, erased: [] as string[] };
      const upcast = this.upcasters.apply(row.type, row.schema_version, data);
      return {
        tenant: row.tenant_id,
        streamId: row.stream_id,
        streamType: row.stream_type,
        version: Number(row.version),
        position: BigInt(row.global_position),
        transactionId: BigInt(row.transaction_id),
        id: row.event_id,
        type: row.type,
        schemaVersion: upcast.schemaVersion,
        data: upcast.data,
        metadata: row.metadata,
        recordedAt: row.recorded_at,
        erasedFields: erased,
      };
    });
  }
}
