import type { ColumnType } from 'kysely';

/** Row types of the VIES cache (see migrations/2026-11-26T00-00-vies-verdicts.ts). */
export interface ViesTables {
  readonly 'company_registry.vies_verdicts': ViesVerdictsTable;
}

export interface ViesVerdictsTable {
  /** VIES's member-state code (`EL` for Greece). */
  readonly country_code: string;
  /** Without the country prefix. */
  readonly vat_number: string;
  readonly valid: boolean;
  readonly name: string | null;
  readonly address: string | null;
  readonly request_date: string | null;
  readonly request_identifier: string | null;
  readonly checked_at: ColumnType<Date, Date, Date>;
}
