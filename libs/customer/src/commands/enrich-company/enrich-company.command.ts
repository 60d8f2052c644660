/**
 * What a registry (KBO, VIES, KvK) says about a company. Missing or blank
 * values are not suggested; the address parts form one suggested address.
 */
export interface CompanySuggestion {
  /** Where the suggestion comes from, e.g. `kbo`, `vies`, `kvk`. */
  readonly source: string;
  readonly companyName?: string | null;
  /** Street and number. */
  readonly address?: string | null;
  readonly zip?: string | null;
  readonly city?: string | null;
  readonly country?: string | null;
  readonly vatNumber?: string | null;
}

/**
 * Take a registry suggestion into a company. Without `overwrite` only empty
 * fields are filled (a suggestion is never a silent overwrite); with it, the
 * suggested values replace the current ones. A suggestion never clears a field.
 */
export interface EnrichCompany {
  readonly type: 'EnrichCompany';
  readonly customerId: string;
  readonly suggestion: CompanySuggestion;
  readonly overwrite: boolean;
}
