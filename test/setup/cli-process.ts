import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The operator CLI as an operator runs it: the compiled entry point in a child
 * process, read only through its exit code, stdout and stderr.
 */

const ROOT = join(__dirname, '..', '..');
const ENTRY = 'apps/cli/src/main.js';
const EXIT_TIMEOUT_MS = 30_000;

/** What the CLI is pointed at: the test's database, master key and data folder. */
export interface CliEnvironment {
  readonly databaseUrl: string;
  readonly masterKey: string;
  readonly dataDir: string;
}

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** A running CLI: what it has printed so far, and its exit code once it is done. */
export interface CliRun {
  stdout(): string;
  stderr(): string;
  readonly done: Promise<number | null>;
}

/** Compiles the project when `dist/` has no CLI yet (`npm test` builds first; a lone jest run may not have). */
export function buildCliIfMissing(): void {
  if (!existsSync(join(ROOT, 'dist', ENTRY))) {
    execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'inherit', timeout: 180_000 });
  }
}

export function startCli(environment: CliEnvironment, args: readonly string[]): ChildProcess {
  return spawn(process.execPath, [join(ROOT, 'scripts/run-dist.js'), ENTRY, ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: environment.databaseUrl, MASTER_KEY: environment.masterKey, DATA_DIR: environment.dataDir, LOG_LEVEL: 'log' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Collects a started CLI's output; `done` rejects when it has not exited within 30 s (it is killed then). */
export function collectCli(child: ChildProcess): CliRun {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<number | null>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the CLI did not exit within ${EXIT_TIMEOUT_MS / 1000} s\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, EXIT_TIMEOUT_MS);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
  return { stdout: () => stdout, stderr: () => stderr, done };
}

/** Runs the CLI with `args` to its exit. */
export async function runCli(environment: CliEnvironment, ...args: string[]): Promise<CliResult> {
  const run = collectCli(startCli(environment, args));
  const code = await run.done;
  return { code, stdout: run.stdout(), stderr: run.stderr() };
}
