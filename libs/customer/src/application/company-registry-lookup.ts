import { type CompanyRecord, CompanyRegistryFacade, EnterpriseNotFoundError, registryLanguageOf } from '@cm/company-registry';
import type { CompanySuggestion } from '../commands/enrich-company/enrich-company.command';
import { EnterpriseNotInRegistryError } from './application.errors';

/**
 * The company registry as this context asks it: by the customer's enterprise
 * number, country and language. "Unknown everywhere" becomes the customer's own
 * 422 (a 404 would read as "no such customer"); an invalid number (400) and
 * "try later" (503 with Retry-After) pass through.
 */
export class CompanyRegistryLookup {
  constructor(private readonly registry: CompanyRegistryFacade) {}

  async find(enterpriseNumber: string, country: string | null | undefined, language: string | null | undefined): Promise<CompanyRecord> {
    try {
      return await this.registry.findByNumber(enterpriseNumber, country, registryLanguageOf(language));
    } catch (error) {
      if (error instanceof EnterpriseNotFoundError) throw new EnterpriseNotInRegistryError(enterpriseNumber, error.details.sources as string[]);
      throw error;
    }
  }
}

/** What a registry record suggests for a company (EnrichCompany's input). */
export const suggestionFrom = (company: CompanyRecord): CompanySuggestion => ({
  source: company.source,
  companyName: company.companyName,
  vatNumber: company.vatNumber,
  address: company.address,
  zip: company.zip,
  city: company.city,
  country: company.country,
});
