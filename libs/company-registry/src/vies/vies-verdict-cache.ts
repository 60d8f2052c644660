import type { Kysely } from 'kysely';
import type { ViesTables, ViesVerdictsTable } from './vies.tables';
import type { SettledViesVerdict } from './vies-verdict';

/** A cached verdict and when VIES gave it. */
export interface CachedViesVerdict {
  readonly verdict: SettledViesVerdict;
  readonly checkedAt: Date;
}

const TABLE = 'company_registry.vies_verdicts';

/**
 * Valid and invalid VIES verdicts in PostgreSQL, so a number is not asked
 * twice within the cache's lifetime (VIES blocks heavy users). "VIES could not
 * answer" is never a verdict: the type keeps it out.
 */
export class ViesVerdictCache {
  private readonly db: Kysely<ViesTables>;

  constructor(db: Kysely<any>) {
    this.db = db;
  }

  /** The verdict checked less than `maxAgeSeconds` before `now`, if any. */
  async get(countryCode: string, vatNumber: string, maxAgeSeconds: number, now: Date = new Date()): Promise<CachedViesVerdict | undefined> {
    const notBefore = new Date(now.getTime() - maxAgeSeconds * 1000);
    const row = await this.db
      .selectFrom(TABLE)
      .selectAll()
      .where('country_code', '=', countryCode)
      .where('vat_number', '=', vatNumber)
      .where('checked_at', '>', notBefore)
      .executeTakeFirst();
    return row && { verdict: verdictOf(row), checkedAt: row.checked_at };
  }

  /** Stores or replaces the number's verdict; an older verdict never replaces a newer one. */
  async put(countryCode: string, vatNumber: string, verdict: SettledViesVerdict, checkedAt: Date): Promise<void> {
    const row = {
      country_code: countryCode,
      vat_number: vatNumber,
      valid: verdict.kind === 'valid',
      name: verdict.kind === 'valid' ? verdict.name : null,
      address: verdict.kind === 'valid' ? verdict.address : null,
      request_date: verdict.requestDate,
      request_identifier: verdict.kind === 'valid' ? verdict.requestIdentifier : null,
      checked_at: checkedAt,
    };
    await this.db
      .insertInto(TABLE)
      .values(row)
      .onConflict((conflict) =>
        conflict
          .columns(['country_code', 'vat_number'])
          .doUpdateSet((eb) => ({
            valid: eb.ref('excluded.valid'),
            name: eb.ref('excluded.name'),
            address: eb.ref('excluded.address'),
            request_date: eb.ref('excluded.request_date'),
            request_identifier: eb.ref('excluded.request_identifier'),
            checked_at: eb.ref('excluded.checked_at'),
          }))
          .where(`${TABLE}.checked_at`, '<=', checkedAt),
      )
      .execute();
  }
}

type VerdictRow = Pick<ViesVerdictsTable, 'valid' | 'name' | 'address' | 'request_date' | 'request_identifier'>;

function verdictOf(row: VerdictRow): SettledViesVerdict {
  return row.valid
    ? { kind: 'valid', name: row.name, address: row.address, requestDate: row.request_date, requestIdentifier: row.request_identifier }
    : { kind: 'invalid', requestDate: row.request_date };
}
