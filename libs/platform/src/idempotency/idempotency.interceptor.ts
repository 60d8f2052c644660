import { type CallHandler, type ExecutionContext, Injectable, Logger, type NestInterceptor } from '@nestjs/common';
import { type Observable, catchError, from, mergeMap, of, throwError } from 'rxjs';
import { Database } from '../database/database';
import { type HttpRequest, type HttpResponse, requestPath } from '../http/http-types';
import { ProblemException } from '../http/problem';
import { IdempotencyStore } from './idempotency.store';
import { requestFingerprint } from './request-fingerprint';

/** The request header carrying the key. */
export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';
/** Set on a response that repeats the first response to the key. */
export const IDEMPOTENT_REPLAYED_HEADER = 'Idempotent-Replayed';

/** Stable codes of the idempotency problems. */
export const IdempotencyProblemCodes = {
  KEY_INVALID: 'IDEMPOTENCY.KEY_INVALID',
  KEY_REUSED: 'IDEMPOTENCY.KEY_REUSED',
  IN_PROGRESS: 'IDEMPOTENCY.IN_PROGRESS',
} as const;

/** Response headers that describe the result and so are replayed with it (lower case). */
const REPLAYED_HEADERS = ['location', 'etag', 'content-location', 'last-modified'] as const;

const KEY_FORMAT = /^[\x20-\x7e]{1,255}$/;
const PURGE_INTERVAL_MS = 10 * 60 * 1000;

/**
 * Makes a route idempotent under an optional `Idempotency-Key` header (apply
 * with {@link Idempotent}). Keys belong to the caller's organization and live
 * 24 hours in `platform.idempotency_keys`:
 *
 * - first use: the key is claimed atomically (INSERT ... ON CONFLICT), the
 *   route runs, and a successful (< 400) response is stored: status, body and
 *   the headers describing the result (`Location`, `ETag`);
 * - the same key with the same request (method, path, SHA-256 of the canonical
 *   JSON body): the stored response again, with `Idempotent-Replayed: true`,
 *   without running the route;
 * - the same key with another request: 409 `IDEMPOTENCY.KEY_REUSED`;
 * - the same key while the first request still runs: 409 `IDEMPOTENCY.IN_PROGRESS`.
 *
 * A failed first request (an error, any 4xx or 5xx) is not stored: the key is
 * released, so the client can correct the request and retry with the same key.
 * Failed requests are expected to have written nothing, so there is nothing to
 * protect; storing a 400 would force clients to mint a new key for every fix.
 * A claim whose request never finishes (a crashed process) blocks the key for
 * one minute, then a retry of the same request may take it over.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly logger = new Logger('Idempotency');
  private readonly store: IdempotencyStore;
  private lastPurge = 0;

  constructor(database: Database) {
    this.store = new IdempotencyStore(database.db);
  }

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    if (context.getType() !== 'http') return next.handle();
    const http = context.switchToHttp();
    const request = http.getRequest<HttpRequest & { body?: unknown }>();
    const response = http.getResponse<HttpResponse>();
    const raw = request.headers['idempotency-key'];
    const tenant = request.tenant;
    if (raw === undefined || !tenant) return next.handle();

    const key = parseKey(raw);
    const organizationId = tenant.organizationId;
    await this.purgeExpiredNowAndThen();
    const fingerprint = requestFingerprint(request.method ?? 'POST', requestPath(request), request.body);
    const claim = await this.store.claim(organizationId, key, fingerprint);

    switch (claim.kind) {
      case 'mismatch':
        throw new ProblemException({
          status: 409,
          code: IdempotencyProblemCodes.KEY_REUSED,
          title: 'Idempotency key reused',
          detail: 'This Idempotency-Key was used for a different request (another body, method or path). Use a new key.',
        });
      case 'in-progress':
        throw new ProblemException({
          status: 409,
          code: IdempotencyProblemCodes.IN_PROGRESS,
          title: 'Request in progress',
          detail: 'A request with this Idempotency-Key is still being processed. Retry shortly.',
          headers: { 'Retry-After': '1' },
        });
      case 'replay':
        response.statusCode = claim.response.status;
        for (const [name, value] of Object.entries(claim.response.headers)) response.setHeader(name, value);
        response.setHeader(IDEMPOTENT_REPLAYED_HEADER, 'true');
        return of(claim.response.body);
      case 'claimed': {
        const { token } = claim;
        return next.handle().pipe(
          mergeMap(async (body: unknown) => {
            if (response.statusCode >= 400) await this.store.release(organizationId, key, token);
            else await this.complete(organizationId, key, token, response, body);
            return body;
          }),
          catchError((error: unknown) =>
            from(this.store.release(organizationId, key, token).catch(() => undefined)).pipe(mergeMap(() => throwError(() => error))),
          ),
        );
      }
      default: {
        const _never: never = claim;
        throw new Error(`Unknown claim outcome ${String(_never)}`);
      }
    }
  }

  private async complete(organizationId: string, key: string, token: string, response: HttpResponse, body: unknown): Promise<void> {
    const headers: Record<string, string> = {};
    for (const name of REPLAYED_HEADERS) {
      const value = response.getHeader(name);
      if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : String(value);
    }
    try {
      await this.store.complete(organizationId, key, token, { status: response.statusCode, headers, body });
    } catch (error) {
      // The work is done: answer it. The claim lapses after its lock timeout.
      this.logger.warn(`could not store the response for an idempotency key: ${(error as Error).message}`);
    }
  }

  /** Expired keys are deleted by the API itself, at most every ten minutes per process. */
  private async purgeExpiredNowAndThen(): Promise<void> {
    const now = Date.now();
    if (now - this.lastPurge < PURGE_INTERVAL_MS) return;
    this.lastPurge = now;
    await this.store.purgeExpired().catch((error: unknown) => this.logger.warn(`purging expired idempotency keys failed: ${String(error)}`));
  }
}

/** The key as sent; RFC 8941 string syntax (`"abc"`) is accepted as well as a bare token. */
function parseKey(raw: string | string[]): string {
  const value = (Array.isArray(raw) ? raw.join(', ') : raw).trim();
  const key = value.length >= 2 && value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1) : value;
  if (key.trim() === '' || !KEY_FORMAT.test(key)) {
    throw new ProblemException({
      status: 400,
      code: IdempotencyProblemCodes.KEY_INVALID,
      title: 'Invalid idempotency key',
      detail: 'The Idempotency-Key header must be 1 to 255 printable ASCII characters (a UUID is a good choice).',
    });
  }
  return key;
}
