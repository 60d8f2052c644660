import { setTimeout as sleep } from 'node:timers/promises';
import { backoffDelay, checkRetryOptions, describeFetchFailure } from '../remote/http-call';
import type { KvkBasisprofiel, KvkSearchPage, KvkSearchQuery, KvkSearchResult } from './kvk-api.types';
import { KvkClientError } from './kvk-client.error';
import { type KvkReply, readKvkReply } from './kvk-reply';

export interface KvkClientOptions {
  /** e.g. `https://api.kvk.nl/api` (test environment: `https://api.kvk.nl/test/api`). */
  readonly baseUrl: string;
  readonly apiKey: string;
  /** Per request, body included. */
  readonly timeoutMs: number;
  /** Further attempts after a transient error or a short rate limit (default 2). */
  readonly retries?: number;
  /** Pause before the first retry, doubled for each next one, with jitter (default 250). */
  readonly backoffMs?: number;
  /** The longest `Retry-After` worth waiting for within one call; longer ones fail as `rate-limited` (default 5). */
  readonly maxRetryAfterSeconds?: number;
}

/** KvK's own page size when none is asked for. */
const DEFAULT_PAGE_SIZE = 10;

type SettledReply = Extract<KvkReply, { kind: 'body' | 'no-results' | 'invalid-number' | 'not-found' }>;

/**
 * The KvK API (Dutch business register): search and basic profiles.
 * Transient failures (5xx, IPD1002, IPD9999, network errors, timeouts) are
 * retried with backoff, a 429 after the `Retry-After` KvK asks for when it is
 * short enough. Throws {@link KvkClientError} when no answer could be had;
 * an unknown company is `null` or an empty page, not an error.
 */
export class KvkClient {
  private readonly baseUrl: string;
  private readonly apiKey: string;
  private readonly timeoutMs: number;
  private readonly retries: number;
  private readonly backoffMs: number;
  private readonly maxRetryAfterSeconds: number;

  constructor(options: KvkClientOptions) {
    const { retries = 2, backoffMs = 250, maxRetryAfterSeconds = 5 } = options;
    checkRetryOptions(retries, options.timeoutMs);
    if (options.apiKey.trim() === '') throw new RangeError('apiKey must not be empty');
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.apiKey = options.apiKey;
    this.timeoutMs = options.timeoutMs;
    this.retries = retries;
    this.backoffMs = Math.max(0, backoffMs);
    this.maxRetryAfterSeconds = Math.max(0, maxRetryAfterSeconds);
  }

  /** `GET /v2/zoeken`. No hits (KvK's 404 IPD5200) is a page with `totaal: 0`. */
  async search(query: KvkSearchQuery): Promise<KvkSearchPage> {
    const params = new URLSearchParams();
    for (const [name, value] of Object.entries(query)) {
      if (value !== undefined && String(value).trim() !== '') params.set(name, String(value).trim());
    }
    const reply = await this.call(`/v2/zoeken?${params.toString()}`);
    const empty: KvkSearchPage = {
      pagina: query.pagina ?? 1,
      resultatenPerPagina: query.resultatenPerPagina ?? DEFAULT_PAGE_SIZE,
      totaal: 0,
      resultaten: [],
    };
    switch (reply.kind) {
      case 'no-results':
      case 'invalid-number':
        return empty;
      case 'not-found':
        // Search answers "no hits" with IPD5200; a bare 404 means the URL is wrong.
        throw new KvkClientError('unavailable', `KvK search answered ${reply.detail} without IPD5200: check the KvK base URL`);
      case 'body': {
        const { json } = reply;
        if (!Array.isArray(json.resultaten)) throw unexpected('search', 'no resultaten list');
        return {
          pagina: numberOr(json.pagina, empty.pagina),
          resultatenPerPagina: numberOr(json.resultatenPerPagina, empty.resultatenPerPagina),
          totaal: numberOr(json.totaal, json.resultaten.length),
          resultaten: json.resultaten as KvkSearchResult[],
        };
      }
    }
  }

  /** `GET /v1/basisprofielen/{kvkNummer}`; `null` when KvK does not know the number (404) or it cannot be one (IPD0004). */
  async basisprofiel(kvkNummer: string): Promise<KvkBasisprofiel | null> {
    const reply = await this.call(`/v1/basisprofielen/${encodeURIComponent(kvkNummer.trim())}`);
    if (reply.kind !== 'body') return null;
    if (typeof reply.json.kvkNummer !== 'string') throw unexpected('basisprofiel', 'no kvkNummer');
    return reply.json as unknown as KvkBasisprofiel;
  }

  /** One call, retries included: returns a settled reply or throws. */
  private async call(pathAndQuery: string): Promise<SettledReply> {
    const url = `${this.baseUrl}${pathAndQuery}`;
    for (let retry = 0; ; retry += 1) {
      const reply = await this.exchange(url);
      const retriesLeft = retry < this.retries;
      switch (reply.kind) {
        case 'unauthorized':
          throw new KvkClientError('unauthorized', `KvK refused the API key: ${reply.detail}`);
        case 'rate-limited': {
          const wait = reply.retryAfterSeconds;
          if (!retriesLeft || (wait !== undefined && wait > this.maxRetryAfterSeconds)) {
            const after = wait === undefined ? '' : `, retry after ${wait} s`;
            throw new KvkClientError('rate-limited', `KvK rate limit reached: ${reply.detail}${after}`, wait);
          }
          await sleep(wait === undefined ? backoffDelay(this.backoffMs, retry) : wait * 1000);
          break;
        }
        case 'unavailable':
          if (!reply.retry) throw unexpected(pathAndQuery.split('?')[0]!, reply.detail);
          if (!retriesLeft) throw new KvkClientError('unavailable', `KvK is unavailable: ${reply.detail} (${retry + 1} attempts)`);
          await sleep(backoffDelay(this.backoffMs, retry));
          break;
        default:
          return reply;
      }
    }
  }

  private async exchange(url: string): Promise<KvkReply> {
    try {
      // The timeout covers reading the body too: the signal stays attached to the stream.
      const response = await fetch(url, {
        headers: { apikey: this.apiKey, accept: 'application/json' },
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      const body = await response.text();
      return readKvkReply(response.status, body, response.headers.get('retry-after'), new Date());
    } catch (error) {
      return { kind: 'unavailable', detail: describeFetchFailure(error, this.timeoutMs).detail, retry: true };
    }
  }
}

function unexpected(what: string, detail: string): KvkClientError {
  return new KvkClientError('unavailable', `KvK answered ${what} unexpectedly: ${detail}`);
}

function numberOr(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}
