/**
 * Child process of the KBO benchmark: loads one extract with the KboLoader, as
 * the CLI would, so that the peak resident memory it reports is the loader's
 * own and not the benchmark's (which generated the extract).
 *
 *   node scripts/run-dist.js bench/lib/kbo-load.worker.js <extract.zip> <database url>
 *
 * Progress lines go to stdout; the last line is `{"durationMs","peakRssMb","result"}`.
 */
import { KboLoader } from '../../libs/company-registry/src/kbo/load/kbo-loader';
import { Pool } from 'pg';

const PROGRESS_EVERY_MS = 5_000;

async function main(): Promise<void> {
  const [path, url] = process.argv.slice(2);
  if (!path || !url) throw new Error('usage: kbo-load.worker <extract.zip> <database url>');
  const pool = new Pool({ connectionString: url, max: 4, application_name: 'bench-kbo-loader' });
  pool.on('error', () => undefined);
  let lastProgress = 0;
  try {
    const started = performance.now();
    const result = await new KboLoader(pool).load(path, {
      onProgress: ({ file, bytesDone, bytesTotal }) => {
        const now = performance.now();
        if (now - lastProgress < PROGRESS_EVERY_MS) return;
        lastProgress = now;
        process.stdout.write(`  loader: ${file} ${((bytesDone / Math.max(1, bytesTotal)) * 100).toFixed(0)}% (${((now - started) / 1000).toFixed(0)} s)\n`);
      },
    });
    const durationMs = performance.now() - started;
    // maxRSS is in kilobytes: the high-water mark of the whole process, start-up included.
    const peakRssMb = process.resourceUsage().maxRSS / 1024;
    process.stdout.write(`${JSON.stringify({ durationMs, peakRssMb, result })}\n`);
  } finally {
    await pool.end();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`KBO load failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
