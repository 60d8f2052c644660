import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

/** What the loader child process reports (see kbo-load.worker.ts). */
export interface KboLoadReport {
  readonly durationMs: number;
  readonly peakRssMb: number;
  readonly result: {
    readonly status: string;
    readonly extractNumber: number;
    readonly extractType: string;
    readonly snapshotDate: string;
    readonly rows: Readonly<Record<string, number>>;
    readonly durationMs: number;
  };
}

/**
 * Runs the KboLoader on `zipPath` in a process of its own (kbo-load.worker.ts),
 * passing its progress lines to `log`, and returns its report.
 * `cpuProfileDir` runs it with `--cpu-prof`, the profile written there at exit.
 */
export async function loadInChildProcess(
  zipPath: string,
  databaseUrl: string,
  log: (line: string) => void,
  options: { cpuProfileDir?: string } = {},
): Promise<KboLoadReport> {
  // dist/bench/lib/ -> scripts/run-dist.js resolves the libs' path aliases inside dist/.
  const runDist = join(__dirname, '..', '..', '..', 'scripts', 'run-dist.js');
  const child = spawn(
    process.execPath,
    [...(options.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`] : []), runDist, 'bench/lib/kbo-load.worker.js', zipPath, databaseUrl],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let last = '';
  const lines = createInterface({ input: child.stdout });
  lines.on('line', (line) => {
    if (line.startsWith('{')) last = line;
    else log(line);
  });
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (exitCode) => resolve(exitCode));
  });
  if (code !== 0) throw new Error(`the loader process exited with code ${code}`);
  if (!last) throw new Error('the loader process reported nothing');
  return JSON.parse(last) as KboLoadReport;
}
