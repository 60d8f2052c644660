import type { PoolClient } from 'pg';
import type { KboExtractType } from './kbo-files';
import { KboExtractRefusedError } from './kbo-load.errors';
import type { KboMeta } from './kbo-meta';

/** An extract kbo.extracts says was loaded. */
export interface LoadedKboExtract {
  readonly extractNumber: number;
  readonly extractType: KboExtractType;
}

/**
 * Whether an extract may be applied on top of what is loaded: the same one
 * again changes nothing; an update needs a full extract under it and must not
 * be older than the newest loaded extract; a full extract must not be older
 * either (it would undo the updates loaded since). Throws
 * KboExtractRefusedError when it must not be loaded.
 */
export function decideKboLoad(meta: KboMeta, loaded: readonly LoadedKboExtract[]): 'load' | 'already-loaded' {
  const label = `${meta.extractType} extract ${meta.extractNumber}`;
  if (loaded.some((e) => e.extractNumber === meta.extractNumber && e.extractType === meta.extractType)) return 'already-loaded';
  if (meta.extractType === 'update' && !loaded.some((e) => e.extractType === 'full')) {
    throw new KboExtractRefusedError(`Refused the ${label}: no full extract was loaded yet, load a full extract first`);
  }
  const newest = loaded.reduce<LoadedKboExtract | undefined>((max, e) => (!max || e.extractNumber > max.extractNumber ? e : max), undefined);
  if (newest && meta.extractNumber < newest.extractNumber) {
    throw new KboExtractRefusedError(
      `Refused the ${label}: it is older than the ${newest.extractType} extract ${newest.extractNumber} already loaded` +
        (meta.extractType === 'full' ? ' (load a full extract numbered at least as high)' : ''),
    );
  }
  return 'load';
}

export async function readLoadedExtracts(client: PoolClient): Promise<LoadedKboExtract[]> {
  const { rows } = await client.query<{ extract_number: number; extract_type: KboExtractType }>('SELECT extract_number, extract_type FROM kbo.extracts');
  return rows.map((row) => ({ extractNumber: row.extract_number, extractType: row.extract_type }));
}

export async function recordExtract(client: PoolClient, meta: KboMeta): Promise<void> {
  await client.query(
    `INSERT INTO kbo.extracts (extract_number, extract_type, snapshot_date, extract_timestamp, version) VALUES ($1, $2, $3, $4, $5)`,
    [meta.extractNumber, meta.extractType, meta.snapshotDate, meta.extractTimestamp, meta.version],
  );
}
