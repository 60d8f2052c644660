import type { PoolClient } from 'pg';
import { kboCopyError, type KboCopyTarget } from './kbo-copy-error';
import { copyKboFile, ident, openKboFile } from './kbo-copy';
import type { KboExtractSource } from './kbo-extract-source';
import { fullFile, KBO_TABLES, type KboTable } from './kbo-files';
import type { KboProgressReporter } from './kbo-progress';
import { type KboTableIndex, readKboTableShape } from './kbo-table-catalog';

/** The replacement of kbo.<table>, filled beside it while lookups keep reading the live one. */
const shadowOf = (table: KboTable): string => `${table}_next`;
/** A key's or index's name on the shadow table, until the swap gives it the live one's. */
const buildingName = (table: KboTable, position: number): string => `${table}_next_${position}`;

/**
 * A full extract, inside the caller's transaction: each file is copied into a
 * fresh shadow table (`kbo.enterprise_next`: the live table's columns, defaults
 * and checks, no index, so the COPY runs at full speed and with FREEZE, the
 * table being new in this transaction); then the keys and indexes of the live
 * tables are built on the shadows, the live tables dropped and the shadows
 * renamed in their place with the canonical index names. Lookups read the old
 * tables until the caller commits; the swap itself holds their locks only for
 * the last moments. Returns the rows per table.
 */
export async function loadFullExtract(client: PoolClient, source: KboExtractSource, progress: KboProgressReporter): Promise<Record<string, number>> {
  const rows: Record<string, number> = {};
  const indexes = new Map<KboTable, readonly KboTableIndex[]>();
  for (const table of KBO_TABLES) {
    const shape = await readKboTableShape(client, table);
    indexes.set(table, shape.indexes);
    const shadow = `kbo.${ident(shadowOf(table))}`;
    await client.query(`DROP TABLE IF EXISTS ${shadow}`);
    await client.query(`CREATE TABLE ${shadow} (LIKE kbo.${ident(table)} INCLUDING DEFAULTS INCLUDING CONSTRAINTS)`);

    const opened = await openKboFile(source, fullFile(table), shape.columns, progress);
    // Unknown fields land in throw-away text columns: COPY cannot skip a field.
    for (const column of opened.ignored) await client.query(`ALTER TABLE ${shadow} ADD COLUMN ${ident(column)} text`);
    rows[table] = await copyKboFile(client, shadow, opened, { file: opened.file, table }, { freeze: true });
    if (opened.ignored.length > 0) await client.query(`ALTER TABLE ${shadow} ${opened.ignored.map((c) => `DROP COLUMN ${ident(c)}`).join(', ')}`);
  }
  progress.done();

  for (const table of KBO_TABLES) await buildIndexes(client, table, indexes.get(table) ?? []);
  // Fresh statistics, so that the first lookups after the swap are planned on the new data.
  await client.query(`ANALYZE ${KBO_TABLES.map((table) => `kbo.${ident(shadowOf(table))}`).join(', ')}`);

  await lockLiveTables(client);
  for (const table of KBO_TABLES) {
    await client.query(`DROP TABLE kbo.${ident(table)}`);
    await client.query(`ALTER TABLE kbo.${ident(shadowOf(table))} RENAME TO ${ident(table)}`);
    for (const [position, index] of (indexes.get(table) ?? []).entries()) {
      const building = ident(buildingName(table, position));
      await client.query(
        index.kind === 'constraint'
          ? `ALTER TABLE kbo.${ident(table)} RENAME CONSTRAINT ${building} TO ${ident(index.name)}`
          : `ALTER INDEX kbo.${building} RENAME TO ${ident(index.name)}`,
      );
    }
  }
  return rows;
}

/**
 * The order lookups lock the tables in (enterprise, then its names, addresses
 * and establishments): taken in one statement, in that order, the swap cannot
 * deadlock with them. A query locking in another order can still deadlock
 * with the swap; PostgreSQL then aborts one side, and if that is the swap, it
 * is tried again from a savepoint rather than losing the whole load.
 */
const LOCK_ORDER: readonly KboTable[] = ['enterprise', 'denomination', 'address', 'establishment'];
const DEADLOCK = '40P01';
const LOCK_ATTEMPTS = 5;

async function lockLiveTables(client: PoolClient): Promise<void> {
  const tables = LOCK_ORDER.map((table) => `kbo.${ident(table)}`).join(', ');
  for (let attempt = 1; ; attempt++) {
    await client.query('SAVEPOINT kbo_swap');
    try {
      await client.query(`LOCK TABLE ${tables} IN ACCESS EXCLUSIVE MODE`);
      await client.query('RELEASE SAVEPOINT kbo_swap');
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== DEADLOCK || attempt >= LOCK_ATTEMPTS) throw error;
      await client.query('ROLLBACK TO SAVEPOINT kbo_swap');
    }
  }
}

/** The live table's keys and indexes, built on its shadow (a duplicate key fails here, naming the file). */
async function buildIndexes(client: PoolClient, table: KboTable, indexes: readonly KboTableIndex[]): Promise<void> {
  const shadow = `kbo.${ident(shadowOf(table))}`;
  const target: KboCopyTarget = { file: fullFile(table), table };
  for (const [position, index] of indexes.entries()) {
    const building = buildingName(table, position);
    try {
      await client.query(
        index.kind === 'constraint'
          ? `ALTER TABLE ${shadow} ADD CONSTRAINT ${ident(building)} ${index.definition}`
          : `CREATE ${index.unique ? 'UNIQUE ' : ''}INDEX ${ident(building)} ON ${shadow} ${index.definition}`,
      );
    } catch (error) {
      const names = new Map<string, KboCopyTarget>([
        [building, { file: target.file, table: index.name }],
        [shadowOf(table), target],
      ]);
      throw kboCopyError(error, names, target);
    }
  }
}
