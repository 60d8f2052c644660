import { setTimeout as sleep } from 'node:timers/promises';
import { backoffDelay, checkRetryOptions, describeFetchFailure } from '../remote/http-call';
import { RequestSpacing } from './request-spacing';
import { readViesResponse, type ViesAttempt } from './vies-response';
import type { ViesVerdict } from './vies-verdict';

export interface ViesClientOptions {
  /** e.g. `https://ec.europa.eu/taxation_customs/vies/rest-api`. */
  readonly baseUrl: string;
  /** Requests started per second by this client, retries included. */
  readonly requestsPerSecond: number;
  /** Per request, body included. */
  readonly timeoutMs: number;
  /** Further attempts after a transient error (default 3). */
  readonly retries?: number;
  /** Pause before the first retry, doubled for each next one, with jitter (default 250). */
  readonly backoffMs?: number;
}

/**
 * Checks VAT numbers with the EU VIES REST API. VIES publishes no rate limit
 * but blocks heavy users, so every request of this instance (retries
 * included) goes through one spacing limiter. Never throws: whatever goes
 * wrong becomes an `unavailable` verdict.
 */
export class ViesClient {
  private readonly baseUrl: string;
  private readonly timeoutMs: number;
  private readonly retries: number;
  private readonly backoffMs: number;
  private readonly spacing: RequestSpacing;

  constructor(options: ViesClientOptions) {
    const { retries = 3, backoffMs = 250 } = options;
    checkRetryOptions(retries, options.timeoutMs);
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs;
    this.retries = retries;
    this.backoffMs = Math.max(0, backoffMs);
    this.spacing = new RequestSpacing(options.requestsPerSecond);
  }

  /**
   * @param countryCode ISO code of the member state; `GR` is sent as VIES's `EL`.
   * @param vatNumberWithoutPrefix e.g. `0403019261` for BE0403019261.
   */
  async check(countryCode: 'BE' | 'NL' | string, vatNumberWithoutPrefix: string): Promise<ViesVerdict> {
    const url = this.urlFor(countryCode, vatNumberWithoutPrefix);
    for (let retry = 0; ; retry += 1) {
      await this.spacing.take();
      const attempt = await this.ask(url);
      if (attempt.kind !== 'unavailable') return attempt;
      if (!attempt.retry || retry >= this.retries) return { kind: 'unavailable', error: attempt.error };
      await sleep(backoffDelay(this.backoffMs, retry));
    }
  }

  private urlFor(countryCode: string, vatNumber: string): string {
    const upper = countryCode.trim().toUpperCase();
    const cc = upper === 'GR' ? 'EL' : upper;
    const number = vatNumber.toUpperCase().replace(/[\s.\-/]/g, '');
    return `${this.baseUrl}/ms/${encodeURIComponent(cc)}/vat/${encodeURIComponent(number)}`;
  }

  private async ask(url: string): Promise<ViesAttempt> {
    try {
      // The timeout covers reading the body too: the signal stays attached to the stream.
      const response = await fetch(url, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(this.timeoutMs) });
      return readViesResponse(response.status, await response.text());
    } catch (error) {
      const { timedOut, detail } = describeFetchFailure(error, this.timeoutMs);
      return { kind: 'unavailable', error: timedOut ? `TIMEOUT (${detail})` : detail, retry: true };
    }
  }
}
