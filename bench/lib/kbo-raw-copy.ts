import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Pool } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import yauzl from 'yauzl';

/** The files the loader keeps, and the tables they go to. */
export const KBO_TABLES = ['enterprise', 'establishment', 'denomination', 'address'] as const;

/** Unpacks every entry of `zipPath` into `dir` (set-up for the raw side, not timed). */
export async function unzipTo(zipPath: string, dir: string): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.open(zipPath, { lazyEntries: true }, (error, file) => (error ? reject(error) : resolve(file))),
  );
  const names: string[] = [];
  try {
    for (;;) {
      const entry = await new Promise<yauzl.Entry | null>((resolve, reject) => {
        zip.once('entry', resolve);
        zip.once('end', () => resolve(null));
        zip.once('error', reject);
        zip.readEntry();
      });
      zip.removeAllListeners('entry').removeAllListeners('end').removeAllListeners('error');
      if (!entry) return names;
      if (entry.fileName.endsWith('/') || entry.fileName.includes('..')) continue;
      const stream = await new Promise<NodeJS.ReadableStream>((resolve, reject) =>
        zip.openReadStream(entry, (error, s) => (error ? reject(error) : resolve(s))),
      );
      await pipeline(stream, createWriteStream(join(dir, entry.fileName)));
      names.push(entry.fileName);
    }
  } finally {
    zip.close();
  }
}

/** `JuridicalFormCAC` -> `juridical_form_cac`, `CountryNL` -> `country_nl`: the schema's naming of the headers. */
export const snakeCase = (header: string): string => header.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();

/** The header line of a CSV file (BOM and quotes removed), as column names. */
async function headerColumns(file: string): Promise<string[]> {
  const handle = await open(file, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(4096), 0, 4096, 0);
    const line = buffer.subarray(0, bytesRead).toString('utf8').replace(/^\uFEFF/, '').split(/\r?\n/)[0];
    return line.split(',').map((name) => snakeCase(name.trim().replace(/^"|"$/g, '')));
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
