import type { RegistryCountry } from './registry-number';

/** The registries this context reads. */
export type RegistrySourceName = 'kbo' | 'vies' | 'kvk';

/**
 * What a registry says about a company: the "magic wand" answer. Fields a
 * registry does not give (or shields) are null.
 */
export interface CompanyRecord {
  readonly country: RegistryCountry;
  /** Belgian enterprise number (10 digits) or Dutch KvK number (8 digits); null when only a VAT number is known. */
  readonly enterpriseNumber: string | null;
  readonly vatNumber: string | null;
  readonly companyName: string | null;
  /** Street, house number and box. */
  readonly address: string | null;
  readonly zip: string | null;
  readonly city: string | null;
  readonly source: RegistrySourceName;
  /** When the source produced the data: the extract's snapshot for KBO, the request time for live sources. */
  readonly retrievedAt: string;
}

/** The language a registry should answer names and addresses in, where it has several (KBO: NL, FR). */
export type RegistryLanguage = 'nl' | 'fr' | 'de' | 'en';

/** The address fields of a company record, as each source fills them. */
export type CompanyAddress = Pick<CompanyRecord, 'address' | 'zip' | 'city'>;

/** A company record without an address. */
export const NO_ADDRESS: CompanyAddress = { address: null, zip: null, city: null };
