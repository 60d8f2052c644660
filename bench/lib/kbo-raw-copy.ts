import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Pool } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { openKboExtract } from '../../libs/company-registry/src/kbo/load/kbo-extract-source';
import { KBO_TABLES } from '../../libs/company-registry/src/kbo/load/kbo-files';
import { parseHeaderLine, snakeCase } from '../../libs/company-registry/src/kbo/load/kbo-header';

/** Unpacks the four data files of `zipPath` into `dir` (set-up for the raw side, not timed). */
export async function unzipTo(zipPath: string, dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  const extract = await openKboExtract(zipPath);
  try {
    for (const table of KBO_TABLES) await pipeline(await extract.open(`${table}.csv`), createWriteStream(join(dir, `${table}.csv`)));
  } finally {
    extract.close();
  }
}

/** The header line of a CSV file, as column names (the loader's own reading of it). */
async function headerColumns(file: string): Promise<string[]> {
  const handle = await open(file, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(4096), 0, 4096, 0);
    const line = buffer.subarray(0, bytesRead).toString('utf8').split(/\r?\n/)[0];
    return parseHeaderLine(file, line).map(snakeCase);
  } finally {
    await handle.close();
  }
}

/** Bare copies of the kbo tables: the same columns and types, no key, no index, no check. */
export async function createRawTables(pool: Pool, schema: string): Promise<void> {
  await pool.query(`CREATE SCHEMA ${schema}`);
  for (const table of KBO_TABLES) await pool.query(`CREATE TABLE ${schema}.${table} (LIKE kbo.${table})`);
}

/**
 * The baseline: each CSV file streamed as it is into its bare table with
 * `COPY ... FROM STDIN (FORMAT csv, HEADER true)`, one after the other on one
 * connection (dates as the files write them, day first). Returns the rows and milliseconds per table.
 */
export async function copyRaw(pool: Pool, schema: string, dir: string): Promise<{ rows: Record<string, number>; msByTable: Record<string, number> }> {
  const client = await pool.connect();
  const rows: Record<string, number> = {};
  const msByTable: Record<string, number> = {};
  try {
    await client.query(`SET DateStyle = 'ISO, DMY'`);
    for (const table of KBO_TABLES) {
      const file = join(dir, `${table}.csv`);
      const columns = await headerColumns(file);
      const started = performance.now();
      const copy = client.query(copyFrom(`COPY ${schema}.${table} (${columns.join(', ')}) FROM STDIN (FORMAT csv, HEADER true)`));
      await pipeline(createReadStream(file, { highWaterMark: 256 * 1024 }), copy);
      rows[table] = copy.rowCount;
      msByTable[table] = Math.round(performance.now() - started);
    }
    return { rows, msByTable };
  } finally {
    client.release();
  }
}
