/**
 * KBO open data benchmark: loading a full extract of 500,000 enterprises with
 * the KboLoader (in a process of its own: unzip, COPY, index build and swap)
 * against a raw COPY of the same CSV files into bare tables, the loader's peak
 * memory, and the latency of a local lookup through KboCompanySource.
 *
 *   npm run bench:kbo                                     # embedded PostgreSQL in a temp dir
 *   DATABASE_URL=postgres://user@host:5432/db npm run bench:kbo
 *   BENCH_KBO_ENTERPRISES=50000 npm run bench:kbo         # a quick trial run (the documented figures are for 500,000)
 *   BENCH_KBO_CPU_PROF=/tmp/prof npm run bench:kbo        # also write the loader process's CPU profile there
 *
 * Progress goes to stdout; the last line is one JSON object with the figures.
 * See docs/benchmarks.md for what is measured and how to read it.
 */
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kysely, PostgresDialect } from 'kysely';
import { companyRegistryMigrations, parseRegistryNumber, type RegistryLanguage } from '@cm/company-registry';
import { KboCompanySource } from '../libs/company-registry/src/kbo/lookup/kbo-company-source';
import { writeKboExtract } from '../libs/company-registry/src/testing/kbo-extract-writer';
import { createDatabase, type Database, migrateToLatest } from '@cm/platform';
import { createBenchDatabase } from './lib/bench-database';
import { cleanUpOnInterrupt } from './lib/interrupt';
import { addressRows, denominationRows, enterpriseRows, establishmentRows, kboEnterpriseDigits, MAX_KBO_ENTERPRISES, seededRandom } from './lib/kbo-data';
import { loadInChildProcess } from './lib/kbo-loader-process';
import { KBO_TABLES } from '../libs/company-registry/src/kbo/load/kbo-files';
import { copyRaw, createRawTables, unzipTo } from './lib/kbo-raw-copy';
import { percentile, timed } from './lib/load';

const ENTERPRISES = Number(process.env.BENCH_KBO_ENTERPRISES ?? 500_000);
const WARMUP_LOOKUPS = 500;
const LOOKUPS = 5_000;
const SNAPSHOT = { extractNumber: 140, extractType: 'full', snapshotDate: '2026-11-01' } as const;
const TARGETS = { load: 0.4, peakRssMb: 300, lookupP99Ms: 5 } as const;
const RAW_SCHEMA = 'bench_raw';

const log = (line: string) => process.stdout.write(`${line}\n`);
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const round = (n: number, digits = 3) => Math.round(n * 10 ** digits) / 10 ** digits;

async function main(): Promise<void> {
  if (!Number.isInteger(ENTERPRISES) || ENTERPRISES < 1 || ENTERPRISES > MAX_KBO_ENTERPRISES) {
    throw new Error(`BENCH_KBO_ENTERPRISES must be a whole number from 1 to ${MAX_KBO_ENTERPRISES}, not ${process.env.BENCH_KBO_ENTERPRISES}`);
  }
  const started = Date.now();
  const bench = await createBenchDatabase(log);
  const work = await mkdtemp(join(tmpdir(), 'cm-bench-kbo-'));
  let database: Database | undefined;
  const cleanUp = async () => {
    await database?.close().catch(() => undefined);
    database = undefined;
    await bench.dispose().catch(() => undefined);
    await rm(work, { recursive: true, force: true });
  };
  const forgetInterrupt = cleanUpOnInterrupt(log, 'dropping the bench database and the extract', cleanUp);
  try {
    log(`PostgreSQL ${bench.serverVersion} (${bench.source}), database ${new URL(bench.url).pathname.slice(1)}`);
    database = createDatabase({ url: bench.url, poolSize: 4, applicationName: 'bench-kbo' });
    await migrateToLatest(database.db, companyRegistryMigrations);

    log(`\n[extract] generating a full extract of ${fmt(ENTERPRISES)} enterprises (not timed)`);
    const zipPath = join(work, `KboOpenData_${SNAPSHOT.extractNumber}_2026_11_Full.zip`);
    const generated = await timed(() =>
      writeKboExtract(zipPath, SNAPSHOT, {
        enterprise: enterpriseRows(ENTERPRISES),
        establishment: establishmentRows(ENTERPRISES),
        denomination: denominationRows(ENTERPRISES),
        address: addressRows(ENTERPRISES),
      }),
    );
    const zipBytes = (await stat(zipPath)).size;
    log(`  ${zipPath}: ${(zipBytes / 2 ** 20).toFixed(1)} MiB in ${generated.seconds.toFixed(1)} s`);
    const csvDir = join(work, 'csv');
    await unzipTo(zipPath, csvDir);
    let csvBytes = 0;
    for (const table of KBO_TABLES) csvBytes += (await stat(join(csvDir, `${table}.csv`))).size;
    log(`  unzipped for the raw side: ${(csvBytes / 2 ** 20).toFixed(1)} MiB of CSV in the four files`);

    const raw = await rawBaseline(database, csvDir);
    await rm(csvDir, { recursive: true, force: true });

    log('\n[loader] KboLoader.load in its own process (unzip, COPY, indexes, swap)');
    await database.pool.query('CHECKPOINT');
    const loaded = await loadInChildProcess(zipPath, bench.url, log, { cpuProfileDir: process.env.BENCH_KBO_CPU_PROF });
    if (loaded.result.status !== 'loaded') throw new Error(`the loader answered ${loaded.result.status}`);
    const rows = await countRows(database);
    for (const table of KBO_TABLES) {
      if (rows[table] !== raw.rows[table]) throw new Error(`kbo.${table} has ${rows[table]} rows, the files ${raw.rows[table]}`);
    }
    const loadMs = loaded.durationMs;
    log(`  loaded in ${(loadMs / 1000).toFixed(2)} s (loader says ${(loaded.result.durationMs / 1000).toFixed(2)} s), peak RSS ${loaded.peakRssMb.toFixed(0)} MB`);

    const lookup = await lookupLatency(bench.url);

    const ratios = { load: round(raw.ms / loadMs) };
    const met = {
      load: ratios.load >= TARGETS.load,
      peakRssMb: loaded.peakRssMb <= TARGETS.peakRssMb,
      lookupP99Ms: lookup.p99 <= TARGETS.lookupP99Ms,
    };
    log('');
    log(`load ratio   ${ratios.load.toFixed(3)}  target >= ${TARGETS.load}  ${met.load ? 'met' : 'MISSED'}  (raw COPY ${(raw.ms / 1000).toFixed(2)} s / loader ${(loadMs / 1000).toFixed(2)} s)`);
    log(`peak RSS     ${loaded.peakRssMb.toFixed(0)} MB  target <= ${TARGETS.peakRssMb} MB  ${met.peakRssMb ? 'met' : 'MISSED'}`);
    log(`lookup p99   ${lookup.p99.toFixed(2)} ms  target <= ${TARGETS.lookupP99Ms} ms  ${met.lookupP99Ms ? 'met' : 'MISSED'}  (p50 ${lookup.p50.toFixed(2)} ms)`);

    await cleanUp();
    forgetInterrupt();
    log(`done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    log(
      JSON.stringify({
        benchmark: 'kbo',
        server: `PostgreSQL ${bench.serverVersion}`,
        enterprises: ENTERPRISES,
        zipMb: round(zipBytes / 2 ** 20, 1),
        csvMb: round(csvBytes / 2 ** 20, 1),
        rows,
        loadMs: Math.round(loadMs),
        loaderReportedMs: Math.round(loaded.result.durationMs),
        rawCopyMs: Math.round(raw.ms),
        rawCopyMsByTable: raw.msByTable,
        ratios,
        peakRssMb: Math.round(loaded.peakRssMb),
        lookups: LOOKUPS,
        lookupP50Ms: round(lookup.p50),
        lookupP90Ms: round(lookup.p90),
        lookupP99Ms: round(lookup.p99),
        lookupMaxMs: round(lookup.max),
        targets: TARGETS,
        met,
      }),
    );
  } finally {
    await cleanUp();
  }
}

/** The raw COPY of the unzipped files into bare tables, timed alone, then dropped. */
async function rawBaseline(database: Database, csvDir: string) {
  log('\n[raw] COPY FROM STDIN of the four CSV files into bare tables (no key, no index), one connection');
  await createRawTables(database.pool, RAW_SCHEMA);
  await database.pool.query('CHECKPOINT');
  const copied = await timed(() => copyRaw(database.pool, RAW_SCHEMA, csvDir));
  const rows = copied.result.rows;
  for (const table of KBO_TABLES) log(`  ${table.padEnd(14)} ${fmt(rows[table]).padStart(9)} rows in ${(copied.result.msByTable[table] / 1000).toFixed(2)} s`);
  log(`  raw COPY: ${copied.seconds.toFixed(2)} s`);
  await database.pool.query(`DROP SCHEMA ${RAW_SCHEMA} CASCADE`);
  return { ms: copied.seconds * 1000, rows, msByTable: copied.result.msByTable };
}

async function countRows(database: Database): Promise<Record<string, number>> {
  const rows: Record<string, number> = {};
  for (const table of KBO_TABLES) {
    const { rows: counted } = await database.pool.query<{ n: string }>(`SELECT count(*) AS n FROM kbo.${table}`);
    rows[table] = Number(counted[0].n);
  }
  return rows;
}

/**
 * Sequential lookups of random loaded numbers through KboCompanySource, on
 * its own pool, half in Dutch and half in French: the first ones only warm
 * up. Then the plan of one lookup, as the query was sent.
 */
async function lookupLatency(url: string) {
  log(`\n[lookup] ${fmt(LOOKUPS)} sequential lookups of random loaded numbers after ${WARMUP_LOOKUPS} warm-up lookups`);
  let lastQuery: { sql: string; parameters: readonly unknown[] } | undefined;
  const lookups = createDatabase({ url, poolSize: 2, applicationName: 'bench-kbo-lookup' });
  const db = new Kysely<any>({
    dialect: new PostgresDialect({ pool: lookups.pool }),
    log: (event) => void (lastQuery = { sql: event.query.sql, parameters: event.query.parameters }),
  });
  try {
    const source = new KboCompanySource(db);
    const next = seededRandom(42);
    const latencies: number[] = [];
    let found = 0;
    let withAddress = 0;
    for (let i = 0; i < WARMUP_LOOKUPS + LOOKUPS; i++) {
      const number = parseRegistryNumber('BE', kboEnterpriseDigits(Math.floor(next() * ENTERPRISES)));
      const language: RegistryLanguage = next() < 0.5 ? 'nl' : 'fr';
      const start = performance.now();
      const answer = await source.lookup(number, { language });
      const ms = performance.now() - start;
      if (answer.status !== 'found') throw new Error(`${number.kind === 'enterprise' ? number.enterpriseNumber : ''}: ${JSON.stringify(answer)}`);
      if (i < WARMUP_LOOKUPS) continue;
      latencies.push(ms);
      found++;
      if (answer.company.address) withAddress++;
    }
    const result = {
      p50: percentile(latencies, 50),
      p90: percentile(latencies, 90),
      p99: percentile(latencies, 99),
      max: Math.max(...latencies),
    };
    log(`  ${fmt(found)} found (${fmt(withAddress)} with an address): p50 ${result.p50.toFixed(2)} ms, p90 ${result.p90.toFixed(2)} ms, p99 ${result.p99.toFixed(2)} ms, max ${result.max.toFixed(2)} ms`);
    if (lastQuery) {
      const plan = await lookups.pool.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${lastQuery.sql}`, [...lastQuery.parameters]);
      log('  plan of the last lookup:');
      for (const row of plan.rows) log(`    ${row['QUERY PLAN']}`);
    }
    return result;
  } finally {
    await db.destroy();
  }
}

main().catch((error) => {
  process.stderr.write(`bench:kbo failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 1;
});
