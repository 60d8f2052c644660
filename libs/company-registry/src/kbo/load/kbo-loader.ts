import { performance } from 'node:perf_hooks';
import type { Pool, PoolClient } from 'pg';
import { decideKboLoad, readLoadedExtracts, recordExtract } from './kbo-bookkeeping';
import { type KboExtractSource, openKboExtract } from './kbo-extract-source';
import { KBO_META_FILE, kboDataFiles, type KboExtractType } from './kbo-files';
import { loadFullExtract } from './kbo-full-load';
import { KboExtractError } from './kbo-load.errors';
import { KBO_META_MAX_BYTES, type KboMeta, parseKboMeta } from './kbo-meta';
import { type KboLoadProgress, KboProgressReporter } from './kbo-progress';
import { loadUpdateExtract } from './kbo-update-load';

export type { KboLoadProgress } from './kbo-progress';

/** What one load did. */
export interface KboLoadResult {
  /** `already-loaded`: this extract (number and type) was loaded before; nothing changed. */
  readonly status: 'loaded' | 'already-loaded';
  readonly extractNumber: number;
  readonly extractType: KboExtractType;
  /** `YYYY-MM-DD`. */
  readonly snapshotDate: string;
  /** Rows written per table; for an update also `<table> (deleted)`. Empty when already loaded. */
  readonly rows: Readonly<Record<string, number>>;
  readonly durationMs: number;
}

export interface KboLoadOptions {
  /** Bytes of the data files read so far, at most every ~100 ms. */
  readonly onProgress?: (progress: KboLoadProgress) => void;
}

/**
 * One load at a time, database-wide: a second one waits for the first to commit
 * (and then finds, say, the same extract already loaded).
 */
const LOAD_LOCK = 0x6b626f_10ad;

/**
 * Loads an official KBO Open Data extract (a zip, or a folder of its CSV
 * files) into the `kbo` schema, all of it in one transaction: a full
 * extract replaces the tables (built beside them, swapped in at commit), an
 * update deletes and re-inserts the entities it lists. The CSV bytes go
 * straight into PostgreSQL's COPY, so memory stays flat whatever the size.
 * A malformed extract changes nothing and throws KboExtractError (file,
 * line, reason); one that must not be applied on top of the loaded data
 * throws KboExtractRefusedError.
 */
export class KboLoader {
  constructor(private readonly pool: Pool) {}

  async load(path: string, options: KboLoadOptions = {}): Promise<KboLoadResult> {
    const started = performance.now();
    const source = await openKboExtract(path);
    try {
      const meta = await readMeta(source);
      for (const file of kboDataFiles(meta.extractType)) {
        if (!source.has(file)) throw new KboExtractError(file, undefined, `missing from the ${meta.extractType} extract ${source.name}`);
      }
      const total = kboDataFiles(meta.extractType).reduce((sum, file) => sum + source.size(file), 0);
      const progress = new KboProgressReporter(total, options.onProgress);
      const result = (status: KboLoadResult['status'], rows: Record<string, number>): KboLoadResult => ({
        status,
        extractNumber: meta.extractNumber,
        extractType: meta.extractType,
        snapshotDate: meta.snapshotDate,
        rows,
        durationMs: Math.round(performance.now() - started),
      });

      return await this.inTransaction(async (client) => {
        await client.query('SELECT pg_advisory_xact_lock($1)', [LOAD_LOCK]);
        if (decideKboLoad(meta, await readLoadedExtracts(client)) === 'already-loaded') return { commit: false, value: result('already-loaded', {}) };
        // The files write dates day first (31-12-2020); COPY reads them into `date` columns.
        await client.query(`SET LOCAL datestyle = 'ISO, DMY'`);
        // Sorts for the index builds of a full extract stay in memory.
        await client.query(`SET LOCAL maintenance_work_mem = '256MB'`);
        const rows = meta.extractType === 'full' ? await loadFullExtract(client, source, progress) : await loadUpdateExtract(client, source, progress);
        await recordExtract(client, meta);
        return { commit: true, value: result('loaded', rows) };
      });
    } finally {
      source.close();
    }
  }

  /** BEGIN, the work, then COMMIT (or ROLLBACK when it fails or says so); a connection left in doubt is discarded. */
  private async inTransaction<T>(work: (client: PoolClient) => Promise<{ commit: boolean; value: T }>): Promise<T> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const { commit, value } = await work(client);
      await client.query(commit ? 'COMMIT' : 'ROLLBACK');
      return value;
    } catch (error) {
      await client.query('ROLLBACK').catch((rollbackError: Error) => (broken = rollbackError));
      throw error;
    } finally {
      client.release(broken);
    }
  }
}

/** meta.csv, read whole (it is tiny) and parsed. */
async function readMeta(source: KboExtractSource): Promise<KboMeta> {
  if (!source.has(KBO_META_FILE)) throw new KboExtractError(KBO_META_FILE, undefined, `missing from the extract ${source.name}`);
  if (source.size(KBO_META_FILE) > KBO_META_MAX_BYTES) throw new KboExtractError(KBO_META_FILE, undefined, `larger than ${KBO_META_MAX_BYTES} bytes: not a meta.csv`);
  const chunks: Buffer[] = [];
  for await (const chunk of await source.open(KBO_META_FILE)) chunks.push(chunk as Buffer);
  return parseKboMeta(Buffer.concat(chunks));
}
