import type { PoolClient } from 'pg';
import type { KboTable } from './kbo-files';
import type { KboTableColumn } from './kbo-header';

/** A key or index of a live kbo table, to be built again on its replacement. */
export interface KboTableIndex {
  readonly name: string;
  /** `PRIMARY KEY (enterprise_number)` for a constraint; `USING btree (enterprise_number)` for a plain index. */
  readonly definition: string;
  readonly kind: 'constraint' | 'index';
  readonly unique: boolean;
}

/** What the catalog says about a live kbo table: its columns and the keys and indexes a full load rebuilds. */
export interface KboTableShape {
  readonly columns: readonly KboTableColumn[];
  readonly indexes: readonly KboTableIndex[];
}

/**
 * Reads the table's shape from the catalog rather than repeating the
 * migration: a later migration's column or index is loaded and rebuilt too.
 */
export async function readKboTableShape(client: PoolClient, table: KboTable): Promise<KboTableShape> {
  const relation = `kbo.${table}`;
  const columns = await client.query<{ name: string; required: boolean }>(
    `SELECT attname AS name, attnotnull AND NOT atthasdef AS required
     FROM pg_attribute WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum`,
    [relation],
  );
  const constraints = await client.query<{ name: string; definition: string }>(
    `SELECT conname AS name, pg_get_constraintdef(oid) AS definition
     FROM pg_constraint WHERE conrelid = $1::regclass AND contype IN ('p', 'u', 'x') ORDER BY conname`,
    [relation],
  );
  const indexes = await client.query<{ name: string; definition: string; unique: boolean }>(
    `SELECT c.relname AS name, pg_get_indexdef(i.indexrelid) AS definition, i.indisunique AS unique
     FROM pg_index AS i JOIN pg_class AS c ON c.oid = i.indexrelid
     WHERE i.indrelid = $1::regclass AND NOT EXISTS (SELECT FROM pg_constraint WHERE conindid = i.indexrelid)
     ORDER BY c.relname`,
    [relation],
  );
  return {
    columns: columns.rows,
    indexes: [
      ...constraints.rows.map((row) => ({ ...row, kind: 'constraint' as const, unique: true })),
      // `CREATE INDEX name ON kbo.table USING btree (...)`: what follows the table is rebuilt on the shadow table.
      ...indexes.rows.map((row) => ({ name: row.name, definition: row.definition.slice(row.definition.indexOf(' USING ') + 1), kind: 'index' as const, unique: row.unique })),
    ],
  };
}
