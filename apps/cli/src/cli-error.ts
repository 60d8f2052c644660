import { DomainError } from '@cm/shared-kernel';

/** A failure the operator can act on: printed as one plain line, the process exits with `exitCode`. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** One line for stderr: the message of the error (or of its first cause), never a stack. */
export function describeError(error: unknown): string {
  if (error instanceof CliError || error instanceof DomainError) return oneLine(error.message);
  if (error instanceof AggregateError && !error.message && error.errors.length > 0) return describeError(error.errors[0]);
  if (error instanceof Error && /unable to authenticate data/.test(error.message)) {
    return 'Cannot decrypt personal data: the master key (MASTER_KEY, or master.key in DATA_DIR) is not the one it was written with';
  }
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    return oneLine(error.message || code || error.name);
  }
  return oneLine(String(error));
}

const oneLine = (text: string): string =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .join(' ');
