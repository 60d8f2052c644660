import { setTimeout as sleep } from 'node:timers/promises';

export interface LoadResult {
  /** Operations completed inside the measured windows. */
  readonly operations: number;
  readonly seconds: number;
}

export const addLoad = (a: LoadResult, b: LoadResult): LoadResult => ({
  operations: a.operations + b.operations,
  seconds: a.seconds + b.seconds,
});

export const NO_LOAD: LoadResult = { operations: 0, seconds: 0 };

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
): Promise<LoadResult> {
  let done = 0;
  let stop = false;
  let failure: unknown;
  const workers = Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      while (!stop) {
        await operation(worker);
        done++;
      }
    }),
  ).catch((error) => {
    failure = error;
    stop = true;
  });

  await Promise.race([sleep(rampMs), workers]);
  const startCount = done;
  const start = process.hrtime.bigint();
  await Promise.race([sleep(durationMs), workers]);
  const endCount = done;
  const end = process.hrtime.bigint();
  stop = true;
  await workers;
  if (failure) throw failure;
  return { operations: endCount - startCount, seconds: Number(end - start) / 1e9 };
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
