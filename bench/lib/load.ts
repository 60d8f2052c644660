import { setTimeout as sleep } from 'node:timers/promises';

export interface LoadResult {
  /** Operations completed inside the measured windows. */
  readonly operations: number;
  readonly seconds: number;
  /** Milliseconds each of those operations took, start to end (in completion order). */
  readonly latenciesMs: readonly number[];
}

export const addLoad = (a: LoadResult, b: LoadResult): LoadResult => ({
  operations: a.operations + b.operations,
  seconds: a.seconds + b.seconds,
  latenciesMs: [...a.latenciesMs, ...b.latenciesMs],
});

export const NO_LOAD: LoadResult = { operations: 0, seconds: 0, latenciesMs: [] };

/** Told when the measured window opens and closes (to sample something over exactly that window). */
export interface LoadWindow {
  start(): void;
  end(): void;
}

/**
 * Runs `concurrency` loops of `operation` for `rampMs`, then counts the
 * operations completed during the next `durationMs`. Operations still in
 * flight at the end are awaited but not counted: the window sees the steady
 * state only.
 */
export async function runLoad(
  concurrency: number,
  rampMs: number,
  durationMs: number,
  operation: (worker: number) => Promise<void>,
  window?: LoadWindow,
): Promise<LoadResult> {
  let done = 0;
  let stop = false;
  let measuring = false;
  let failure: unknown;
  const latenciesMs: number[] = [];
  const workers = Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      while (!stop) {
        const started = process.hrtime.bigint();
        await operation(worker);
        done++;
        if (measuring) latenciesMs.push(Number(process.hrtime.bigint() - started) / 1e6);
      }
    }),
  ).catch((error) => {
    failure = error;
    stop = true;
  });

  await Promise.race([sleep(rampMs), workers]);
  const startCount = done;
  const start = process.hrtime.bigint();
  measuring = true;
  window?.start();
  await Promise.race([sleep(durationMs), workers]);
  window?.end();
  measuring = false;
  const endCount = done;
  const end = process.hrtime.bigint();
  stop = true;
  await workers;
  if (failure) throw failure;
  return { operations: endCount - startCount, seconds: Number(end - start) / 1e9, latenciesMs };
}

/** Wall-clock seconds of `work`. */
export async function timed<T>(work: () => Promise<T>): Promise<{ result: T; seconds: number }> {
  const start = process.hrtime.bigint();
  const result = await work();
  return { result, seconds: Number(process.hrtime.bigint() - start) / 1e9 };
}

export const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/** The nearest-rank percentile (`p` from 0 to 100) of `values`; NaN when there are none. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
