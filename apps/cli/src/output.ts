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
