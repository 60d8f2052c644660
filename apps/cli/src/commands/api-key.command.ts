import type { Command } from 'commander';
import type { WithContext } from '../cli-context';
import { examples, out } from '../output';

interface CreateOptions {
  readonly org: string;
}

/** `api-key create`: keys authenticate HTTP calls as an organization. Only their hash is stored. */
export function registerApiKeyCommands(program: Command, withContext: WithContext): void {
  const apiKey = program
    .command('api-key')
    .description('manage API keys')
    .addHelpText('after', examples('api-key create --org acme'));

  apiKey
    .command('create')
    .description('create an API key for an organization; the key is printed once, alone on the last line')
    .requiredOption('--org <name>', 'the organization the key acts for')
    .addHelpText('after', examples('api-key create --org acme', 'api-key create --org acme | tail -n1 > acme.key'))
    .action((options: CreateOptions) =>
      withContext(async (context) => {
        const created = await context.apiKeys.createApiKey(options.org);
        out(`API key ${created.prefix}... for organization ${options.org} (shown only now: store it; send it as "Authorization: Bearer <key>"):`);
        out(created.key);
      }),
    );
}
