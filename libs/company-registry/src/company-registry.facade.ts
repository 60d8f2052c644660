import type { CompanyLookup } from './application/company-lookup';
import type { CompanyRecord, RegistryLanguage } from './domain/company-record';
import { registryCountryOf } from './domain/registry-country';
import { InvalidRegistryNumberError } from './domain/registry.errors';

/**
 * What other contexts call synchronously. Throws the registry's errors:
 * InvalidRegistryNumberError (400), EnterpriseNotFoundError (404),
 * RegistryUnavailableError (503, with retryAfterSeconds).
 */
export class CompanyRegistryFacade {
  constructor(private readonly companies: CompanyLookup) {}

  /** The magic wand: a company by its country and number. */
  find(country: string, number: string, language?: RegistryLanguage): Promise<CompanyRecord> {
    return this.companies.lookup(country, number, language);
  }

  /** A company by its number, the registry chosen from the company's country or else the number's shape. */
  findByNumber(number: string, country: string | null | undefined, language?: RegistryLanguage): Promise<CompanyRecord> {
    const registry = registryCountryOf(number, country);
    if (!registry) {
      throw new InvalidRegistryNumberError(number, country ?? '', 'COUNTRY', `No registry to look up ${number}${country ? ` in ${country}` : ''}: only Belgian and Dutch companies are looked up`);
    }
    return this.companies.lookup(registry, number, language);
  }
}

/** Maps a customer's language to one a registry answers in (KBO has NL and FR names); others get Dutch. */
export const registryLanguageOf = (language: string | null | undefined): RegistryLanguage => {
  const code = language?.toLowerCase();
  return code === 'fr' || code === 'de' || code === 'en' ? code : 'nl';
};
