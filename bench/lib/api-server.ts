import { type ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';

/** The API running in its own process, as deployed. */
export interface ApiServer {
  /** e.g. `http://127.0.0.1:41234` */
  readonly url: string;
  readonly pid: number;
  stop(): Promise<void>;
}

const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 10_000;
/** A load generator that stops drops its connections, but the API still finishes the requests they had sent. */
const DRAIN_MS = 1_000;

/**
 * Starts the API (`bootstrap()`, see api-server.main.ts) in a child process with
 * `env` on top of this process's environment, on a free port. Its own event
 * loop keeps the load generator's work out of the server's latencies.
 * `cpuProfileDir` runs it with `--cpu-prof`, the profile written there at stop.
 */
export async function startApiServer(env: Record<string, string>, options: { cpuProfileDir?: string } = {}): Promise<ApiServer> {
  // dist/bench/lib/ -> scripts/run-dist.js resolves the libs' path aliases inside dist/.
  const runDist = join(__dirname, '..', '..', '..', 'scripts', 'run-dist.js');
  const child = fork(runDist, ['bench/lib/api-server.main.js'], {
    env: { ...process.env, ...env, PORT: '0' },
    execArgv: options.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`] : [],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`the API did not start within ${START_TIMEOUT_MS / 1000} s`)), START_TIMEOUT_MS);
    const fail = (error: Error) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(error);
    };
    child.once('error', fail);
    child.once('exit', (code) => fail(new Error(`the API exited with code ${code} while starting`)));
    child.once('message', (message: { port?: number }) => {
      clearTimeout(timer);
      child.removeAllListeners('exit');
      child.removeAllListeners('error');
      if (typeof message.port === 'number') resolve(message.port);
      else fail(new Error('the API reported no port'));
    });
  });
  return { url: `http://127.0.0.1:${port}`, pid: child.pid!, stop: () => stopChild(child) };
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise((resolve) => setTimeout(resolve, DRAIN_MS));
  child.send('stop');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}
