import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PoolClient } from 'pg';
import { createTestDatabase, type TestDatabase } from '../../../../../test/setup/test-database';
import { companyRegistryMigrations } from '../../migrations';
import { type KboEnterpriseRow, writeKboExtract } from '../../testing/kbo-extract-writer';
import { KboLoader } from './kbo-loader';

/** Enterprise numbers `0200.000.000` and up: format-valid, which is all the tables check. */
function* enterprises(count: number, status: string): Generator<KboEnterpriseRow> {
  for (let i = 0; i < count; i++) yield { enterpriseNumber: String(200_000_000 + i).padStart(10, '0'), status, typeOfEnterprise: '2', startDate: '01-01-2000' };
}

let t: TestDatabase;
let work: string;

beforeAll(async () => {
  t = await createTestDatabase(companyRegistryMigrations);
  work = await mkdtemp(join(tmpdir(), 'cm-kbo-concurrency-'));
});
afterAll(async () => {
  await t?.drop();
  if (work) await rm(work, { recursive: true, force: true });
});
beforeEach(() => t.database.pool.query('TRUNCATE kbo.extracts, kbo.enterprise, kbo.establishment, kbo.denomination, kbo.address'));

const statuses = async (client: Pick<PoolClient, 'query'>) =>
  (await client.query<{ status: string; n: string }>('SELECT status, count(*) AS n FROM kbo.enterprise GROUP BY status ORDER BY status')).rows.map(
    (row) => `${row.status}: ${row.n}`,
  );

async function until(condition: () => Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('KboLoader under concurrency', () => {
  it('lets lookups read the previous data until the full load commits', async () => {
    const old = join(work, 'old.zip');
    const next = join(work, 'next.zip');
    await writeKboExtract(old, { extractNumber: 140, extractType: 'full', snapshotDate: '2026-11-01' }, { enterprise: enterprises(50, 'OLD') });
    await writeKboExtract(next, { extractNumber: 141, extractType: 'full', snapshotDate: '2026-12-01' }, { enterprise: enterprises(5_000, 'NEW') });
    await new KboLoader(t.database.pool).load(old);

    // A reader in a transaction of its own holds its lock on the live table: the load gets
    // everything done (files copied, indexes built) and then waits for it at the swap.
    const reader = await t.database.pool.connect();
    try {
      await reader.query('BEGIN');
      expect(await statuses(reader)).toEqual(['OLD: 50']);
      const loading = new KboLoader(t.database.pool).load(next);
      await until(
        async () =>
          (await t.database.pool.query(`SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`)).rowCount === 1,
        'the load to wait for the reader at the swap',
      );

      // Each statement of the reader sees what is committed: still the old extract, in full.
      expect(await statuses(reader)).toEqual(['OLD: 50']);
      expect((await reader.query('SELECT max(extract_number) AS n FROM kbo.extracts')).rows).toEqual([{ n: 140 }]);
      await reader.query('COMMIT');

      expect(await loading).toMatchObject({ status: 'loaded', extractNumber: 141 });
      expect(await statuses(t.database.pool)).toEqual(['NEW: 5000']);
    } finally {
      reader.release();
    }
  });

  it('survives a reader that deadlocks with the swap: the swap is tried again, the load completes', async () => {
    const old = join(work, 'old-deadlock.zip');
    const next = join(work, 'next-deadlock.zip');
    await writeKboExtract(old, { extractNumber: 170, extractType: 'full', snapshotDate: '2027-11-01' }, { enterprise: enterprises(10, 'OLD') });
    await writeKboExtract(next, { extractNumber: 171, extractType: 'full', snapshotDate: '2027-12-01' }, { enterprise: enterprises(10, 'NEW') });
    const loader = new KboLoader(t.database.pool);
    await loader.load(old);

    const reader = await t.database.pool.connect();
    try {
      // The reader takes establishment first; the swap locks enterprise first, then waits for establishment.
      await reader.query('BEGIN');
      await reader.query('SELECT count(*) FROM kbo.establishment');
      const loading = loader.load(next);
      await until(
        async () =>
          (await t.database.pool.query(`SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`)).rowCount === 1,
        'the swap to wait for the reader',
      );
      // Now the reader wants enterprise, which the swap holds: a deadlock, which PostgreSQL breaks.
      expect(await statuses(reader)).toEqual(['OLD: 10']);
      await reader.query('COMMIT');

      expect(await loading).toMatchObject({ status: 'loaded', extractNumber: 171 });
      expect(await statuses(t.database.pool)).toEqual(['NEW: 10']);
    } finally {
      reader.release();
    }
  });

  it('never interleaves two loads: the second waits for the first, then finds the extract loaded', async () => {
    const path = join(work, 'same.zip');
    await writeKboExtract(path, { extractNumber: 150, extractType: 'full', snapshotDate: '2027-09-01' }, { enterprise: enterprises(20_000, 'AC') });

    const results = await Promise.all([new KboLoader(t.database.pool).load(path), new KboLoader(t.database.pool).load(path)]);

    expect(results.map((r) => r.status).sort()).toEqual(['already-loaded', 'loaded']);
    expect(await statuses(t.database.pool)).toEqual(['AC: 20000']);
    expect((await t.database.pool.query('SELECT extract_number FROM kbo.extracts')).rows).toEqual([{ extract_number: 150 }]);
  });
});
