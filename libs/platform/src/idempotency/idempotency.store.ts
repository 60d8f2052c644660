import { randomUUID } from 'node:crypto';
import { type Kysely, sql } from 'kysely';

/** A first response kept for replays. */
export interface StoredResponse {
  readonly status: number;
  /** Only the headers that describe the result (e.g. `Location`, `ETag`), lower-case names. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: unknown;
}

/** What claiming a key found. */
export type ClaimOutcome =
  /** The key is this request's now: run it, then `complete` or `release` with the token. */
  | { readonly kind: 'claimed'; readonly token: string }
  /** The same request succeeded before: answer with its response. */
  | { readonly kind: 'replay'; readonly response: StoredResponse }
  /** The key was used for another request (body, method or path). */
  | { readonly kind: 'mismatch' }
  /** The same request is running right now. */
  | { readonly kind: 'in-progress' };

export interface IdempotencyTimings {
  /** How long a completed key replays its response. */
  readonly retentionMs: number;
  /**
   * How long a claim blocks others without completing. After that the request
   * is presumed dead (its process crashed) and a retry with the same body may take over.
   */
  readonly lockTimeoutMs: number;
}

export const DEFAULT_IDEMPOTENCY_TIMINGS: IdempotencyTimings = {
  retentionMs: 24 * 60 * 60 * 1000,
  lockTimeoutMs: 60 * 1000,
};

interface KeyRow {
  readonly fingerprint: Buffer;
  readonly state: 'in_progress' | 'completed';
  readonly response_status: number | null;
  readonly response_headers: Record<string, string> | null;
  readonly response_body: unknown;
}

/** The SQL of `platform.idempotency_keys`. Every operation is one statement, safe across processes. */
export class IdempotencyStore {
  constructor(
    private readonly db: Kysely<any>,
    private readonly timings: IdempotencyTimings = DEFAULT_IDEMPOTENCY_TIMINGS,
  ) {}

  /**
   * Claims `key` for a request with this fingerprint, atomically: INSERT ... ON
   * CONFLICT, where the conflicting row is taken over only when it expired, or
   * when it is a stale claim of the same request. Otherwise reports what holds the key.
   */
  async claim(organizationId: string, key: string, fingerprint: Buffer): Promise<ClaimOutcome> {
    const { retentionMs, lockTimeoutMs } = this.timings;
    // A claim that loses to a row released in between (a failed first request) simply tries again.
    for (let attempt = 0; attempt < 5; attempt++) {
      const token = randomUUID();
      const { rows: claimed } = await sql<{ claim_token: string }>`
        INSERT INTO platform.idempotency_keys AS k
          (organization_id, idempotency_key, fingerprint, state, claim_token, locked_until, expires_at)
        VALUES (${organizationId}::uuid, ${key}, ${fingerprint}, 'in_progress', ${token}::uuid,
          now() + ${lockTimeoutMs}::double precision * interval '1 millisecond', now() + ${retentionMs}::double precision * interval '1 millisecond')
        ON CONFLICT (organization_id, idempotency_key) DO UPDATE SET
          fingerprint = EXCLUDED.fingerprint, state = 'in_progress', claim_token = EXCLUDED.claim_token,
          locked_until = EXCLUDED.locked_until, expires_at = EXCLUDED.expires_at, created_at = now(),
          response_status = NULL, response_headers = NULL, response_body = NULL, completed_at = NULL
        WHERE k.expires_at <= now()
           OR (k.state = 'in_progress' AND k.locked_until <= now() AND k.fingerprint = EXCLUDED.fingerprint)
        RETURNING k.claim_token`.execute(this.db);
      if (claimed.length > 0) return { kind: 'claimed', token };

      const { rows } = await sql<KeyRow>`
        SELECT fingerprint, state, response_status, response_headers, response_body
        FROM platform.idempotency_keys
        WHERE organization_id = ${organizationId}::uuid AND idempotency_key = ${key}`.execute(this.db);
      const row = rows[0];
      if (!row) continue;
      if (!row.fingerprint.equals(fingerprint)) return { kind: 'mismatch' };
      if (row.state === 'in_progress') return { kind: 'in-progress' };
      return {
        kind: 'replay',
        response: { status: row.response_status ?? 200, headers: row.response_headers ?? {}, body: row.response_body },
      };
    }
    return { kind: 'in-progress' };
  }

  /** Stores the response of the claiming request; a claim taken over in the meantime is left alone. */
  async complete(organizationId: string, key: string, token: string, response: StoredResponse): Promise<void> {
    await sql`
      UPDATE platform.idempotency_keys SET
        state = 'completed', locked_until = NULL, completed_at = now(),
        response_status = ${response.status}, response_headers = ${JSON.stringify(response.headers)}::jsonb,
        response_body = ${JSON.stringify(response.body ?? null)}::jsonb
      WHERE organization_id = ${organizationId}::uuid AND idempotency_key = ${key} AND claim_token = ${token}::uuid`.execute(this.db);
  }

  /** Gives the key up (the request failed), so that a corrected retry with the same key can run. */
  async release(organizationId: string, key: string, token: string): Promise<void> {
    await sql`
      DELETE FROM platform.idempotency_keys
      WHERE organization_id = ${organizationId}::uuid AND idempotency_key = ${key} AND claim_token = ${token}::uuid`.execute(this.db);
  }

  /** Deletes up to `limit` expired keys; returns how many. */
  async purgeExpired(limit = 1000): Promise<number> {
    const result = await sql`
      DELETE FROM platform.idempotency_keys WHERE ctid IN (
        SELECT ctid FROM platform.idempotency_keys WHERE expires_at <= now() LIMIT ${limit})`.execute(this.db);
    return Number(result.numAffectedRows ?? 0n);
  }
}
