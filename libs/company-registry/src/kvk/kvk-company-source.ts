import type { CompanySource, SourceAnswer } from '../application/company-source';
import type { RegistryNumber } from '../domain/registry-number';
import type { KvkBasisprofiel } from './kvk-api.types';
import type { KvkClient } from './kvk-client';
import { KvkClientError } from './kvk-client.error';
import { kvkProfileToRecord } from './kvk-profile-record';

export interface KvkCompanySourceOptions {
  readonly now?: () => Date;
}

/** A refused API key is a configuration problem: asking again within minutes will not help. */
const UNAUTHORIZED_RETRY_AFTER_SECONDS = 3600;

/**
 * The Dutch business register (KvK API), asked live by KvK number. KvK
 * cannot be searched by VAT number and knows no Belgian companies: those are
 * skipped, as is everything when no API key is configured (no client), so the
 * lookup asks the next source (VIES).
 */
export class KvkCompanySource implements CompanySource {
  readonly name = 'kvk' as const;
  private readonly now: () => Date;

  constructor(
    private readonly client: KvkClient | undefined,
    options: KvkCompanySourceOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
  }

  async lookup(number: RegistryNumber): Promise<SourceAnswer> {
    if (!this.client) return { status: 'skipped', reason: 'KvK API key not configured' };
    if (number.country !== 'NL') return { status: 'skipped', reason: 'KvK knows Dutch companies only' };
    if (number.kind !== 'kvk') return { status: 'skipped', reason: 'KvK cannot be searched by VAT number' };

    let profile: KvkBasisprofiel | null;
    try {
      profile = await this.client.basisprofiel(number.enterpriseNumber);
    } catch (error) {
      if (!(error instanceof KvkClientError)) throw error;
      const retryAfterSeconds = error.kind === 'unauthorized' ? UNAUTHORIZED_RETRY_AFTER_SECONDS : error.retryAfterSeconds;
      return { status: 'unavailable', reason: error.message, ...(retryAfterSeconds !== undefined && { retryAfterSeconds }) };
    }
    if (profile === null) return { status: 'not-found' };
    return { status: 'found', company: kvkProfileToRecord(profile, this.now()) };
  }
}
