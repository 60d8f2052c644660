import { type Kysely, sql } from 'kysely';
import type { KboAddressRow } from './kbo-selection';

/** What one lookup reads: the latest snapshot, and the enterprise with its name and address if it is known. */
export interface KboLookupRow extends KboAddressRow {
  /** `YYYY-MM-DD` of the latest loaded extract; null when none was ever loaded. */
  readonly snapshot_date: string | null;
  /** As the files write it (`0403.019.261`); null when the enterprise is not in the tables. */
  readonly enterprise_number: string | null;
  readonly denomination: string | null;
}

/**
 * One round trip, every step an index probe: the latest extract, the
 * enterprise (enterprise_pkey), its legal name (denomination_entity_idx:
 * the first of `languages` that has one, then any), and its address
 * (address_entity_idx): the registered seat still in force, else, only when
 * there is none (natural persons), the establishment-unit address of its
 * lowest-numbered establishment that has one (establishment_enterprise_idx).
 * The NOT EXISTS gate keeps the establishments of a large company with a
 * seat from being read at all.
 */
export async function readKboEnterprise(db: Kysely<any>, enterpriseNumber: string, languages: readonly string[]): Promise<KboLookupRow> {
  const { rows } = await sql<KboLookupRow>`
    SELECT to_char(latest.snapshot_date, 'YYYY-MM-DD') AS snapshot_date,
           e.enterprise_number,
           name.denomination,
           seat.street_nl, seat.street_fr, seat.municipality_nl, seat.municipality_fr,
           seat.zipcode, seat.house_number, seat.box
    FROM (SELECT max(snapshot_date) AS snapshot_date FROM kbo.extracts) AS latest
    LEFT JOIN kbo.enterprise AS e ON e.enterprise_number = ${enterpriseNumber}
    LEFT JOIN LATERAL (
      SELECT d.denomination
      FROM kbo.denomination AS d
      WHERE d.entity_number = e.enterprise_number AND d.type_of_denomination = '001'
      ORDER BY coalesce(array_position(${languages}::text[], d.language::text), 99), d.language, d.denomination
      LIMIT 1
    ) AS name ON true
    LEFT JOIN LATERAL (
      SELECT * FROM (
        (SELECT 0 AS preference, '' AS establishment_number, a.*
         FROM kbo.address AS a
         WHERE a.entity_number = e.enterprise_number AND a.type_of_address = 'REGO' AND a.date_striking_off IS NULL
         ORDER BY a.zipcode, a.street_nl, a.house_number, a.box
         LIMIT 1)
        UNION ALL
        (SELECT 1, es.establishment_number, a.*
         FROM kbo.establishment AS es
         JOIN kbo.address AS a
           ON a.entity_number = es.establishment_number AND a.type_of_address = 'BAET' AND a.date_striking_off IS NULL
         WHERE es.enterprise_number = e.enterprise_number
           AND NOT EXISTS (
             SELECT FROM kbo.address AS r
             WHERE r.entity_number = e.enterprise_number AND r.type_of_address = 'REGO' AND r.date_striking_off IS NULL)
         ORDER BY es.establishment_number, a.zipcode, a.street_nl, a.house_number, a.box
         LIMIT 1)
      ) AS candidates
      ORDER BY preference
      LIMIT 1
    ) AS seat ON true
  `.execute(db);
  return rows[0];
}
