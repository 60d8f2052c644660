import { Command, Help } from 'commander';
import type { WithContext } from './cli-context';
import { registerApiKeyCommands } from './commands/api-key.command';
import { registerCustomerCommands } from './commands/customer.command';
import { registerEventsCommands } from './commands/events.command';
import { registerOrgCommands } from './commands/org.command';
import { registerProjectionsCommands } from './commands/projections.command';
import { registerRegistryCommands } from './commands/registry.command';
import { examples } from './output';

const INVOCATION = 'npm run cli --';

/** The command tree. Nothing touches the database until a command's action runs (so --help is instant). */
export function createProgram(withContext: WithContext): Command {
  const program = new Command('cli')
    .description(
      'Operator CLI of customer management: events, projections, organizations and API keys.\n' +
        'Connects to DATABASE_URL, or else to the embedded PostgreSQL under DATA_DIR (the one `npm start` runs).\n' +
        'Results go to stdout; messages and progress to stderr.',
    )
    .option('--verbose', 'log start-up details on stderr and print stack traces of errors')
    .configureHelp({ commandUsage: (cmd) => new Help().commandUsage(cmd).replace(/^cli\b/, INVOCATION) })
    .showHelpAfterError('(add --help for usage)')
    .addHelpText(
      'after',
      examples(
        'org create acme',
        'api-key create --org acme',
        'events tail --follow',
        'events stream <streamId>',
        'projections list',
        'projections rebuild audit-log',
        'registry load-kbo KboOpenData_0140_2026_11_Full.zip',
        'events tail --help',
      ),
    );

  registerEventsCommands(program, withContext);
  registerProjectionsCommands(program, withContext);
  registerOrgCommands(program, withContext);
  registerApiKeyCommands(program, withContext);
  registerCustomerCommands(program, withContext);
  registerRegistryCommands(program, withContext);
  return program;
}
