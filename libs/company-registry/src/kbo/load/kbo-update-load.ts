import type { PoolClient } from 'pg';
import { kboCopyError } from './kbo-copy-error';
import { copyKboFile, ident, openKboFile } from './kbo-copy';
import type { KboExtractSource } from './kbo-extract-source';
import { deleteFile, insertFile, KBO_DELETE_KEYS, KBO_TABLES } from './kbo-files';
import type { KboProgressReporter } from './kbo-progress';
import { readKboTableShape } from './kbo-table-catalog';

/**
 * An update extract, inside the caller's transaction, on the live tables
 * (lookups go on reading the committed rows meanwhile): first every table's
 * `<table>_delete.csv` (the keys, copied into a temporary table) removes the
 * rows of those entities, then every `<table>_insert.csv` is copied in, the
 * entities it re-sends in full among them. A file with fields the table does
 * not have goes through a temporary staging table, so that the live table is
 * never altered. Returns the rows inserted per table and, as
 * `<table> (deleted)`, the rows deleted.
 */
export async function loadUpdateExtract(client: PoolClient, source: KboExtractSource, progress: KboProgressReporter): Promise<Record<string, number>> {
  const rows: Record<string, number> = {};
  for (const table of KBO_TABLES) {
    const key = KBO_DELETE_KEYS[table];
    const file = deleteFile(table);
    const opened = await openKboFile(source, file, [{ name: key.column, required: true }], progress);
    const keys = ident(`kbo_delete_${table}`);
    await client.query(`CREATE TEMPORARY TABLE ${keys} (${opened.columns.map((column) => `${ident(column)} text`).join(', ')}) ON COMMIT DROP`);
    await copyKboFile(client, keys, opened, { file, table: `${table} keys` });
    const deleted = await client.query(
      `DELETE FROM kbo.${ident(table)} AS live USING ${keys} AS gone WHERE live.${ident(key.column)} = gone.${ident(key.column)}`,
    );
    rows[`${table} (deleted)`] = deleted.rowCount ?? 0;
  }

  for (const table of KBO_TABLES) {
    const file = insertFile(table);
    const shape = await readKboTableShape(client, table);
    const opened = await openKboFile(source, file, shape.columns, progress);
    if (opened.ignored.length === 0) {
      rows[table] = await copyKboFile(client, `kbo.${ident(table)}`, opened, { file, table });
      continue;
    }
    const staging = ident(`kbo_insert_${table}`);
    await client.query(`CREATE TEMPORARY TABLE ${staging} (LIKE kbo.${ident(table)} INCLUDING DEFAULTS INCLUDING CONSTRAINTS) ON COMMIT DROP`);
    for (const column of opened.ignored) await client.query(`ALTER TABLE ${staging} ADD COLUMN ${ident(column)} text`);
    await copyKboFile(client, staging, opened, { file, table });
    const columns = opened.columns.filter((column) => !opened.ignored.includes(column)).map(ident).join(', ');
    try {
      const inserted = await client.query(`INSERT INTO kbo.${ident(table)} (${columns}) SELECT ${columns} FROM ${staging}`);
      rows[table] = inserted.rowCount ?? 0;
    } catch (error) {
      throw kboCopyError(error, new Map(), { file, table });
    }
  }
  progress.done();
  return rows;
}
