import type { Kysely } from 'kysely';
import type { CompanySource, LookupOptions, SourceAnswer } from '../../application/company-source';
import type { RegistrySourceName } from '../../domain/company-record';
import { formatBelgianEnterpriseNumber, type RegistryNumber } from '../../domain/registry-number';
import { type KboLookupRow, readKboEnterprise } from './kbo-lookup.query';
import { denominationLanguageOrder, formatKboAddress, snapshotDateTime } from './kbo-selection';

/**
 * The Belgian registry as loaded locally from the KBO open data: no network,
 * no rate limit, data as fresh as the latest extract. Skips what it cannot
 * know (non-Belgian numbers, no extract loaded yet) so the lookup asks the
 * next source (VIES).
 */
export class KboCompanySource implements CompanySource {
  readonly name: RegistrySourceName = 'kbo';

  constructor(private readonly db: Kysely<any>) {}

  async lookup(number: RegistryNumber, options: LookupOptions): Promise<SourceAnswer> {
    if (number.kind !== 'enterprise') return { status: 'skipped', reason: 'KBO knows Belgian enterprise numbers only' };
    let row: KboLookupRow;
    try {
      row = await readKboEnterprise(this.db, formatBelgianEnterpriseNumber(number.enterpriseNumber), denominationLanguageOrder(options.language));
    } catch (error) {
      // The next source may still answer while the local tables cannot (database down, a load's swap failed).
      return { status: 'unavailable', reason: `KBO tables: ${error instanceof Error ? error.message : String(error)}` };
    }
    if (row.snapshot_date === null) return { status: 'skipped', reason: 'no KBO extract loaded' };
    if (row.enterprise_number === null) return { status: 'not-found' };
    return {
      status: 'found',
      company: {
        country: 'BE',
        enterpriseNumber: number.enterpriseNumber,
        vatNumber: number.vatNumber,
        companyName: row.denomination,
        ...formatKboAddress(row, options.language),
        source: 'kbo',
        retrievedAt: snapshotDateTime(row.snapshot_date),
      },
    };
  }
}
