import { randomBytes } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { open, seal } from './aes-gcm';

/** How an encrypted field is stored inside an event's data. */
interface SealedField {
  readonly $pii: string;
}

const isSealed = (value: unknown): value is SealedField =>
  typeof value === 'object' && value !== null && typeof (value as SealedField).$pii === 'string';

const subjectKeyId = (tenant: string, subject: string) => `${tenant}/${subject}`;

/**
 * Crypto-shredding: personal fields are sealed with a per-subject data key,
 * itself stored wrapped by the master key. Deleting the subject's key erases
 * those fields from every copy of the history at once.
 */
export class PersonalDataCipher {
  /** Data keys for encryption only: sealing with a key deleted meanwhile shreds the value, which is safe. */
  private readonly sealKeys = new Map<string, Buffer>();

  constructor(
    private readonly db: Kysely<any>,
    private readonly masterKey: Buffer,
  ) {}

  /** Returns `data` with `fields` sealed under the subject's key (created on first use). */
  async sealFields(tenant: string, subject: string, fields: readonly string[], data: unknown): Promise<unknown> {
    if (typeof data !== 'object' || data === null) return data;
    const key = await this.keyForSealing(tenant, subject);
    const sealed: Record<string, unknown> = { ...(data as Record<string, unknown>) };
    for (const field of fields) {
      const value = sealed[field];
      if (value === undefined || value === null) continue;
      sealed[field] = { $pii: seal(key, Buffer.from(JSON.stringify(value)), subjectKeyId(tenant, subject)).toString('base64') };
    }
    return sealed;
  }

  /** Loads the live keys of the given subjects, in one query. Missing = forgotten. */
  async loadKeys(subjects: ReadonlyArray<{ tenant: string; subject: string }>): Promise<Map<string, Buffer>> {
    const keys = new Map<string, Buffer>();
    if (subjects.length === 0) return keys;
    const { rows } = await sql<{ tenant_id: string; subject_id: string; wrapped_key: Buffer }>`
      SELECT k.tenant_id, k.subject_id, k.wrapped_key
      FROM event_store.subject_keys k
      JOIN unnest(${subjects.map((s) => s.tenant)}::uuid[], ${subjects.map((s) => s.subject)}::text[]) AS w(tenant_id, subject_id)
        ON k.tenant_id = w.tenant_id AND k.subject_id = w.subject_id`.execute(this.db);
    for (const row of rows) {
      keys.set(subjectKeyId(row.tenant_id, row.subject_id), this.unwrap(row.wrapped_key, row.tenant_id, row.subject_id));
    }
    return keys;
  }

  /** Opens every sealed top-level field; fields whose key is gone come back as null and are listed. */
  openFields(
    tenant: string,
    subject: string,
    data: unknown,
    keys: ReadonlyMap<string, Buffer>,
  ): { data: unknown; erased: string[] } {
    if (typeof data !== 'object' || data === null) return { data, erased: [] };
    const key = keys.get(subjectKeyId(tenant, subject));
    const opened: Record<string, unknown> = { ...(data as Record<string, unknown>) };
    const erased: string[] = [];
    for (const [field, value] of Object.entries(opened)) {
      if (!isSealed(value)) continue;
      // No key: forgotten. A key that cannot open it: sealed under a key forgotten since, the subject has a new one.
      const plaintext = key && openOrUndefined(key, value.$pii, subjectKeyId(tenant, subject));
      if (plaintext) {
        opened[field] = JSON.parse(plaintext.toString());
      } else {
        opened[field] = null;
        erased.push(field);
      }
    }
    return { data: opened, erased };
  }

  /** Forgets a data subject: its key is deleted; returns whether one existed. */
  async forget(tenant: string, subject: string, db: Kysely<any> = this.db): Promise<boolean> {
    this.sealKeys.delete(subjectKeyId(tenant, subject));
    const result = await sql`DELETE FROM event_store.subject_keys WHERE tenant_id = ${tenant} AND subject_id = ${subject}`.execute(db);
    return Number(result.numAffectedRows ?? 0) > 0;
  }

  private async keyForSealing(tenant: string, subject: string): Promise<Buffer> {
    const id = subjectKeyId(tenant, subject);
    const cached = this.sealKeys.get(id);
    if (cached) return cached;
    const fresh = randomBytes(32);
    const wrapped = seal(this.masterKey, fresh, id);
    const { rows } = await sql<{ wrapped_key: Buffer }>`
      WITH inserted AS (
        INSERT INTO event_store.subject_keys (tenant_id, subject_id, wrapped_key)
        VALUES (${tenant}, ${subject}, ${wrapped})
        ON CONFLICT (tenant_id, subject_id) DO NOTHING
        RETURNING wrapped_key)
      SELECT wrapped_key FROM inserted
      UNION ALL
      SELECT wrapped_key FROM event_store.subject_keys WHERE tenant_id = ${tenant} AND subject_id = ${subject}
      LIMIT 1`.execute(this.db);
    if (rows.length === 0) return this.keyForSealing(tenant, subject); // lost a race with a concurrent insert
    const key = this.unwrap(rows[0].wrapped_key, tenant, subject);
    if (this.sealKeys.size > 10_000) this.sealKeys.clear();
    this.sealKeys.set(id, key);
    return key;
  }

  private unwrap(wrapped: Buffer, tenant: string, subject: string): Buffer {
    return open(this.masterKey, wrapped, subjectKeyId(tenant, subject));
  }
}

function openOrUndefined(key: Buffer, sealed: string, aad: string): Buffer | undefined {
  try {
    return open(key, Buffer.from(sealed, 'base64'), aad);
  } catch {
    return undefined;
  }
}
