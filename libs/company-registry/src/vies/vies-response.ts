import { type JsonObject, parseJsonObject } from '../remote/http-call';
import type { SettledViesVerdict } from './vies-verdict';

/**
 * One VIES response, read: a verdict, or VIES could not answer, with whether
 * asking again soon may help.
 */
export type ViesAttempt = SettledViesVerdict | { readonly kind: 'unavailable'; readonly error: string; readonly retry: boolean };

/** VIES is busy or a member state is down: worth another try after a pause. */
const TRANSIENT_ERRORS: ReadonlySet<string> = new Set([
  'SERVICE_UNAVAILABLE',
  'MS_UNAVAILABLE',
  'TIMEOUT',
  'GLOBAL_MAX_CONCURRENT_REQ',
  'GLOBAL_MAX_CONCURRENT_REQ_TIME',
  'MS_MAX_CONCURRENT_REQ',
  'MS_MAX_CONCURRENT_REQ_TIME',
]);

/** The number is not a VAT number VIES accepts. */
const INVALID_NUMBER_ERRORS: ReadonlySet<string> = new Set(['INVALID', 'INVALID_INPUT']);

/** Written where a member state does not release the name or address. */
const NOT_RELEASED = '---';

/**
 * Reads a `GET /ms/{cc}/vat/{number}` response. VIES answers errors with any
 * HTTP status (200 included), so the body decides; the status only matters
 * when the body is not something VIES writes (a proxy's HTML page).
 */
export function readViesResponse(httpStatus: number, body: string): ViesAttempt {
  const json = parseJsonObject(body);
  if (json) {
    const envelopeError = envelopeErrorOf(json);
    if (envelopeError !== undefined) return fromErrorCode(envelopeError);
    if (json.isValid === true) {
      return {
        kind: 'valid',
        name: releasedText(json.name),
        address: releasedText(json.address),
        requestDate: text(json.requestDate),
        requestIdentifier: text(json.requestIdentifier),
      };
    }
    const userError = text(json.userError);
    if (json.isValid === false && userError !== null) {
      // userError VALID next to isValid false is how VIES reports some invalid numbers.
      if (userError === 'VALID') return { kind: 'invalid', requestDate: text(json.requestDate) };
      return fromErrorCode(userError, text(json.requestDate));
    }
  }
  // Rate limiting and server errors from whatever sits in front of VIES pass.
  const transient = httpStatus >= 500 || httpStatus === 429;
  return { kind: 'unavailable', error: transient ? `HTTP ${httpStatus}` : `HTTP ${httpStatus}: unexpected response`, retry: transient };
}

/** Classifies a VIES error code (an envelope's `error` or a `userError`). */
export function fromErrorCode(code: string, requestDate: string | null = null): ViesAttempt {
  if (INVALID_NUMBER_ERRORS.has(code)) return { kind: 'invalid', requestDate };
  // VAT_BLOCKED, IP_BLOCKED and codes we do not know: asking again soon will not help.
  return { kind: 'unavailable', error: code, retry: TRANSIENT_ERRORS.has(code) };
}


/** `{"actionSucceed":false,"errorWrappers":[{"error":"MS_UNAVAILABLE","message":"..."}]}` -> `MS_UNAVAILABLE`. */
function envelopeErrorOf(json: JsonObject): string | undefined {
  if (!Array.isArray(json.errorWrappers)) return undefined;
  for (const wrapper of json.errorWrappers as unknown[]) {
    const error = typeof wrapper === 'object' && wrapper !== null ? (wrapper as JsonObject).error : undefined;
    if (typeof error === 'string' && error.trim() !== '') return error.trim();
  }
  return undefined;
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

function releasedText(value: unknown): string | null {
  const t = text(value);
  return t === NOT_RELEASED ? null : t;
}
