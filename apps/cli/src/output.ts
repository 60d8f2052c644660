import { Presets, SingleBar } from 'cli-progress';
import Table from 'cli-table3';
import { InvalidArgumentError } from 'commander';

/** Results go to stdout; diagnostics and progress go to stderr. */
export function out(text: string): void {
  process.stdout.write(`${text}\n`);
}

/** The examples section of a command's --help. */
export function examples(...lines: readonly string[]): string {
  return `\nExamples:\n${lines.map((line) => `  $ npm run cli -- ${line}`).join('\n')}\n`;
}

/** Option parser: a whole number >= 1 (commander reports the bad value and exits). */
export function positiveInteger(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) throw new InvalidArgumentError('must be a whole number of at least 1.');
  return parsed;
}

/** A table for stdout, its header coloured only on a terminal. */
export function table(head: readonly string[], options: { readonly colAligns?: ('left' | 'center' | 'right')[] } = {}): Table.Table {
  return new Table({ head: [...head], style: { head: process.stdout.isTTY ? ['cyan'] : [], border: [] }, ...options });
}

/** A progress bar on stderr (stdout keeps only the result), shown from the first report on. */
export interface ProgressBar {
  update(done: number, total: number, payload?: Record<string, unknown>): void;
  stop(): void;
}

export function progressBar(format: string): ProgressBar {
  const bar = new SingleBar({ format, stream: process.stderr, hideCursor: true }, Presets.shades_classic);
  let shown = false;
  return {
    update: (done, total, payload = {}) => {
      if (!shown) {
        bar.start(total, done, payload);
        shown = true;
        return;
      }
      bar.setTotal(total);
      bar.update(done, payload);
    },
    stop: () => bar.stop(),
  };
}
