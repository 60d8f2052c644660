import { Logger } from '@nestjs/common';
import { loadConfig } from '@cm/platform';
import { CliError, describeError } from './cli-error';
import { withCliContext } from './cli-context';
import { createProgram } from './cli-program';
import { StderrLogger } from './stderr-logger';

/** --verbose, or LOG_LEVEL=debug|verbose: start-up details and stack traces on stderr. */
function isVerbose(argv: readonly string[]): boolean {
  if (argv.includes('--verbose')) return true;
  try {
    return ['debug', 'verbose'].includes(loadConfig().logLevel);
  } catch {
    return false; // the command reports the configuration error itself
  }
}

async function main(argv: readonly string[]): Promise<number> {
  const verbose = isVerbose(argv);
  Logger.overrideLogger(new StderrLogger(verbose));
  // `cli ... | head`: a closed stdout ends the command quietly.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
  });

  const program = createProgram((work) => withCliContext({ verbose }, work));
  try {
    await program.parseAsync(argv as string[]);
    return 0;
  } catch (error) {
    process.stderr.write(`error: ${describeError(error)}\n`);
    if (verbose && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
    return error instanceof CliError ? error.exitCode : 1;
  }
}

/**
 * Exits explicitly once stdout and stderr are flushed: the pool is closed by then, and
 * neither a leaked handle nor the embedded server's exit hook (which would turn the exit
 * code into 0) gets a say.
 */
void main(process.argv).then((code) => {
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
});
