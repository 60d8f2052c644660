import type { CompanySource, LookupOptions, SourceAnswer } from '../application/company-source';
import type { CompanyRecord } from '../domain/company-record';
import type { RegistryNumber } from '../domain/registry-number';
import { parseViesAddress } from './vies-address';
import type { ViesClient } from './vies-client';
import type { ViesVerdictCache } from './vies-verdict-cache';
import type { SettledViesVerdict } from './vies-verdict';

export interface ViesCompanySourceOptions {
  /** How long a valid/invalid verdict is reused; 0 asks VIES every time. */
  readonly cacheTtlSeconds: number;
  readonly now?: () => Date;
}

/** VIES refuses this caller or this number for a while: asking again within minutes will not help. */
const BLOCKED_RETRY_AFTER_SECONDS = 3600;
const BLOCKED_ERRORS: ReadonlySet<string> = new Set(['IP_BLOCKED', 'VAT_BLOCKED']);

/**
 * Looks a company up by its VAT number in VIES: Belgian enterprise numbers
 * (VAT = BE + the digits) and Dutch VAT numbers. A KvK number carries no VAT
 * number, so it is skipped. Verdicts are cached; name and address are
 * whatever the member state releases (the Netherlands releases neither).
 */
export class ViesCompanySource implements CompanySource {
  readonly name = 'vies' as const;
  private readonly now: () => Date;

  constructor(
    private readonly client: ViesClient,
    private readonly cache: ViesVerdictCache,
    private readonly options: ViesCompanySourceOptions,
  ) {
    this.now = options.now ?? (() => new Date());
  }

  /** The language is not used: VIES answers as the member state registered the company. */
  async lookup(number: RegistryNumber, _options?: LookupOptions): Promise<SourceAnswer> {
    if (number.kind === 'kvk') return { status: 'skipped', reason: 'VIES needs a VAT number' };
    const vatDigits = number.vatNumber.slice(2);
    const known = await this.verdictFor(number.country, vatDigits);
    if ('error' in known) {
      const retryAfterSeconds = BLOCKED_ERRORS.has(known.error) ? BLOCKED_RETRY_AFTER_SECONDS : undefined;
      return { status: 'unavailable', reason: known.error, ...(retryAfterSeconds !== undefined && { retryAfterSeconds }) };
    }
    if (known.verdict.kind === 'invalid') return { status: 'not-found' };
    const company: CompanyRecord = {
      country: number.country,
      enterpriseNumber: number.kind === 'enterprise' ? number.enterpriseNumber : null,
      vatNumber: number.vatNumber,
      companyName: known.verdict.name,
      ...parseViesAddress(number.country, known.verdict.address),
      source: 'vies',
      retrievedAt: known.checkedAt.toISOString(),
    };
    return { status: 'found', company };
  }

  /** From the cache when fresh enough, else from VIES (and then cached unless VIES could not answer). */
  private async verdictFor(
    country: string,
    vatDigits: string,
  ): Promise<{ readonly verdict: SettledViesVerdict; readonly checkedAt: Date } | { readonly error: string }> {
    const cached = await this.cache.get(country, vatDigits, this.options.cacheTtlSeconds, this.now());
    if (cached) return cached;
    const verdict = await this.client.check(country, vatDigits);
    if (verdict.kind === 'unavailable') return { error: verdict.error };
    const checkedAt = this.now();
    await this.cache.put(country, vatDigits, verdict, checkedAt);
    return { verdict, checkedAt };
  }
}
