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
