import type { CompanyRecord, RegistryLanguage } from '../domain/company-record';
import { parseRegistryNumber, registryNumberText } from '../domain/registry-number';
import { EnterpriseNotFoundError, RegistryUnavailableError } from '../domain/registry.errors';
import type { CompanySource } from './company-source';

/** When a source gives no hint of its own. */
const DEFAULT_RETRY_AFTER_SECONDS = 30;
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
    const notKnownBy: string[] = [];
    const problems: string[] = [];
    const retryHints: number[] = [];
    for (const source of this.sources[number.country]) {
      const answer = await source.lookup(number, { language });
      if (answer.status === 'found') return answer.company;
      if (answer.status === 'not-found') {
        notKnownBy.push(source.name);
        continue;
      }
      problems.push(`${source.name}: ${answer.reason}`);
      if (answer.status === 'unavailable') retryHints.push(answer.retryAfterSeconds || DEFAULT_RETRY_AFTER_SECONDS);
    }
    const shown = registryNumberText(number);
    if (notKnownBy.length > 0 && retryHints.length === 0) throw new EnterpriseNotFoundError(number.country, shown, notKnownBy);
    const retryAfter = retryHints.length === 0 ? NOT_CONFIGURED_RETRY_AFTER_SECONDS : Math.max(...retryHints);
    throw new RegistryUnavailableError(number.country, shown, problems, retryAfter);
  }
}
