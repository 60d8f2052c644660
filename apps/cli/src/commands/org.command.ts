import type { Command } from 'commander';
import type { WithContext } from '../cli-context';
import { examples, out } from '../output';

/** `org create`: organizations are the tenants; every event and API key belongs to one. */
export function registerOrgCommands(program: Command, withContext: WithContext): void {
  const org = program
    .command('org')
    .description('manage organizations (tenants)')
    .addHelpText('after', examples('org create acme'));

  org
    .command('create')
    .description('create an organization and print its id on the last line')
    .argument('<name>', '1 to 100 lowercase letters, digits and dashes, not starting with a dash')
    .addHelpText('after', examples('org create acme', 'org create acme-belgium'))
    .action((name: string) =>
      withContext(async (context) => {
        const organization = await context.organizations.createOrganization(name);
        out(`Created organization ${organization.name}; its id:`);
        out(organization.id);
      }),
    );
}
