import type { CompanyRecord, RegistryLanguage } from '../domain/company-record';
import { parseRegistryNumber, type RegistryNumber, registryNumberText } from '../domain/registry-number';
import { EnterpriseNotFoundError, RegistryUnavailableError } from '../domain/registry.errors';
import type { CompanySource, SourceAnswer } from './company-source';

/** When a source gives no hint of its own. */
export const DEFAULT_RETRY_AFTER_SECONDS = 30;
/** No source is configured for the number: retrying soon will not help. */
const NOT_CONFIGURED_RETRY_AFTER_SECONDS = 3600;

/** Which sources to ask, in order, per country. */
export interface SourcesByCountry {
  readonly BE: readonly CompanySource[];
  readonly NL: readonly CompanySource[];
}

/**
 * The "magic wand": asks a country's sources in order (Belgium: local KBO,
 * then VIES; the Netherlands: KvK, then VIES) and returns the first company
 * found. Not found anywhere is a 404 only when no source was unavailable:
 * otherwise the answer is "try later" (503), since the missing source may know it.
 */
export class CompanyLookup {
  constructor(private readonly sources: SourcesByCountry) {}

  /** Parses and checks the number first: an invalid number is a 400 and never reaches a source. */
  async lookup(country: string, rawNumber: string, language: RegistryLanguage = 'nl'): Promise<CompanyRecord> {
    const number = parseRegistryNumber(country, rawNumber);
    return this.lookupNumber(number, language);
  }

  async lookupNumber(number: RegistryNumber, language: RegistryLanguage = 'nl'): Promise<CompanyRecord> {
    const asked: string[] = [];
    const problems: { source: string; answer: Exclude<SourceAnswer, { status: 'found' } | { status: 'not-found' }> }[] = [];
    for (const source of this.sources[number.country]) {
      const answer = await source.lookup(number, { language });
      if (answer.status === 'found') return answer.company;
      if (answer.status === 'not-found') asked.push(source.name);
      else problems.push({ source: source.name, answer });
    }
    const shown = registryNumberText(number);
    const unavailable = problems.filter((p) => p.answer.status === 'unavailable');
    if (asked.length > 0 && unavailable.length === 0) throw new EnterpriseNotFoundError(number.country, shown, asked);
    const retryAfter =
      unavailable.length === 0
        ? NOT_CONFIGURED_RETRY_AFTER_SECONDS
        : Math.max(...unavailable.map((p) => (p.answer.status === 'unavailable' && p.answer.retryAfterSeconds) || DEFAULT_RETRY_AFTER_SECONDS));
    throw new RegistryUnavailableError(
      number.country,
      shown,
      problems.map((p) => `${p.source}: ${p.answer.reason}`),
      retryAfter,
    );
  }
}
