import { type JsonObject, parseJsonObject } from '../remote/http-call';
import { type KvkFout, KVK_CODES } from './kvk-api.types';

/** One KvK response, read: what the client does next depends only on this. */
export type KvkReply =
  /** A success body (a JSON object without an error envelope). */
  | { readonly kind: 'body'; readonly json: JsonObject }
  /** A search found nothing (IPD5200, sent with HTTP 404). */
  | { readonly kind: 'no-results' }
  /** The number cannot exist (IPD0004). */
  | { readonly kind: 'invalid-number' }
  /** HTTP 404 without a code this client knows. */
  | { readonly kind: 'not-found'; readonly detail: string }
  | { readonly kind: 'unauthorized'; readonly detail: string }
  /** HTTP 429; `retryAfterSeconds` from the `Retry-After` header when it could be read. */
  | { readonly kind: 'rate-limited'; readonly detail: string; readonly retryAfterSeconds: number | undefined }
  /** `retry`: asking again after a pause may help (KvK is down or busy); false for answers this client does not understand. */
  | { readonly kind: 'unavailable'; readonly detail: string; readonly retry: boolean };

/** KvK says so itself: worth another try after a pause. */
const TRANSIENT_CODES: ReadonlySet<string> = new Set([KVK_CODES.temporarilyUnavailable, KVK_CODES.technicalError]);

/**
 * Reads a KvK response. The `{"fout":[...]}` envelope is read whatever the
 * status: KvK reports "no hits" with a 404 and may report a technical error
 * with any status, so codes decide where they are known and the status
 * otherwise.
 */
export function readKvkReply(httpStatus: number, body: string, retryAfterHeader: string | null, now: Date): KvkReply {
  const json = parseJsonObject(body);
  const fouten = json ? foutenOf(json) : [];
  const codes = new Set(fouten.map((f) => f.code));
  const detail = describe(httpStatus, fouten);

  if (httpStatus === 401 || httpStatus === 403) return { kind: 'unauthorized', detail };
  if (httpStatus === 429) return { kind: 'rate-limited', detail, retryAfterSeconds: parseRetryAfter(retryAfterHeader, now) };
  if ([...codes].some((code) => TRANSIENT_CODES.has(code)) || httpStatus >= 500) return { kind: 'unavailable', detail, retry: true };
  if (codes.has(KVK_CODES.noResults)) return { kind: 'no-results' };
  if (codes.has(KVK_CODES.invalidNumber)) return { kind: 'invalid-number' };
  if (httpStatus === 404) return { kind: 'not-found', detail };
  if (httpStatus >= 200 && httpStatus < 300 && json && fouten.length === 0) return { kind: 'body', json };
  return { kind: 'unavailable', detail: json ? detail : `${detail}: not a JSON object`, retry: false };
}

/**
 * `Retry-After` as seconds from `now`: either delta-seconds (`120`) or an
 * HTTP date (`Wed, 21 Oct 2026 07:28:00 GMT`, rounded up, never negative).
 * Undefined when absent or unreadable.
 */
export function parseRetryAfter(value: string | null, now: Date): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (/^\d+$/.test(text)) return Number(text);
  // Every HTTP date format starts with the day name; Date.parse alone would read `-5` as a year.
  if (!/^[A-Za-z]{3}/.test(text)) return undefined;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, Math.ceil((at - now.getTime()) / 1000));
}

/** `{"fout":[{"code":"IPD5200","omschrijving":"..."}]}` -> its entries; entries without a code are dropped. */
function foutenOf(json: JsonObject): KvkFout[] {
  if (!Array.isArray(json.fout)) return [];
  return (json.fout as unknown[]).flatMap((entry) => {
    if (typeof entry !== 'object' || entry === null) return [];
    const { code, omschrijving } = entry as JsonObject;
    if (typeof code !== 'string' || code.trim() === '') return [];
    return [{ code: code.trim(), omschrijving: typeof omschrijving === 'string' ? omschrijving.trim() : '' }];
  });
}

/** `HTTP 503 (IPD1002 Service tijdelijk niet beschikbaar)`, for messages and logs. */
function describe(httpStatus: number, fouten: readonly KvkFout[]): string {
  if (fouten.length === 0) return `HTTP ${httpStatus}`;
  return `HTTP ${httpStatus} (${fouten.map((f) => (f.omschrijving ? `${f.code} ${f.omschrijving}` : f.code)).join('; ')})`;
}
