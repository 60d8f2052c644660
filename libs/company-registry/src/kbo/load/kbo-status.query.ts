import type { Pool } from 'pg';
import { KBO_TABLES, type KboExtractType } from './kbo-files';

/** One row of kbo.extracts. */
export interface KboExtractRecord {
  readonly extractNumber: number;
  readonly extractType: KboExtractType;
  /** `YYYY-MM-DD`. */
  readonly snapshotDate: string;
  readonly loadedAt: Date;
}

/** What is loaded: the extracts in the order they were loaded, and the rows per table. */
export interface KboStatus {
  readonly extracts: readonly KboExtractRecord[];
  readonly rows: Readonly<Record<string, number>>;
}

/** Reads kbo.extracts and counts the rows of each table (exact counts: a few seconds on a full extract). */
export async function readKboStatus(pool: Pool): Promise<KboStatus> {
  const extracts = await pool.query<{ extract_number: number; extract_type: KboExtractType; snapshot_date: string; loaded_at: Date }>(
    `SELECT extract_number, extract_type, to_char(snapshot_date, 'YYYY-MM-DD') AS snapshot_date, loaded_at
     FROM kbo.extracts ORDER BY loaded_at, extract_number, extract_type`,
  );
  const counts = await pool.query<Record<string, string>>(
    `SELECT ${KBO_TABLES.map((table) => `(SELECT count(*) FROM kbo.${table}) AS ${table}`).join(', ')}`,
  );
  return {
    extracts: extracts.rows.map((row) => ({
      extractNumber: row.extract_number,
      extractType: row.extract_type,
      snapshotDate: row.snapshot_date,
      loadedAt: row.loaded_at,
    })),
    rows: Object.fromEntries(KBO_TABLES.map((table) => [table, Number(counts.rows[0][table])])),
  };
}
