/*
 * The company registry context's public entry: Belgian and Dutch company
 * numbers, the registries behind one lookup (KBO open data, VIES, KvK), the
 * KBO loader and the "magic wand" endpoint.
 */

export * from './domain/registry.errors';
export type { CompanyRecord, RegistryLanguage, RegistrySourceName } from './domain/company-record';
export {
  formatBelgianEnterpriseNumber,
  parseRegistryNumber,
  REGISTRY_COUNTRIES,
  registryNumberText,
  type RegistryCountry,
  type RegistryNumber,
} from './domain/registry-number';
export type { CompanySource, LookupOptions, SourceAnswer } from './application/company-source';
export { CompanyLookup, type SourcesByCountry } from './application/company-lookup';
export { companyRegistryMigrations } from './migrations';
export { registryCountryOf } from './domain/registry-country';
export { CompanyRegistryFacade, registryLanguageOf } from './company-registry.facade';
export { CompanyRegistryModule, createCompanyLookup } from './company-registry.module';
export { KboLoader, type KboLoadProgress, type KboLoadResult, type KboLoadOptions } from './kbo/load/kbo-loader';
export { KboExtractError, KboExtractRefusedError } from './kbo/load/kbo-load.errors';
export { readKboStatus, type KboStatus, type KboExtractRecord } from './kbo/load/kbo-status.query';
