import type { Command } from 'commander';
import { type CustomerFieldChange, type CustomerHistoryEntry, CustomerHistoryQuery, locateCustomers } from '@cm/customer';
import { CliError } from '../cli-error';
import type { CliContext, WithContext } from '../cli-context';
import { OrganizationNames } from '../organization-names';
import { examples, out, table } from '../output';

interface HistoryOptions {
  readonly org?: string;
  readonly json?: boolean;
}

/** `customer history`: a customer's audit trail, as the API's GET /v1/customers/{id}/history gives it. */
export function registerCustomerCommands(program: Command, withContext: WithContext): void {
  const customer = program
    .command('customer')
    .description('look into customers: their audit trail')
    .addHelpText('after', examples('customer history C-0042 --org acme'));

  customer
    .command('history')
    .description('print a customer\'s audit trail, oldest first: version, time, event type, actor and field changes (from -> to)')
    .argument('<customer>', 'the customer\'s id (a UUID) or customer number')
    .option('--org <name>', 'the organization of the customer (needed when several have that customer number)')
    .option('--json', 'print the trail as JSON, as the API returns it')
    .addHelpText(
      'after',
      examples('customer history 0197a5c2-6f3e-7c41-9d2a-5b8e1f0c3a47', 'customer history C-0042 --org acme', 'customer history C-0042 --org acme --json'),
    )
    .action((key: string, options: HistoryOptions) => withContext((context) => history(context, key, options)));
}

async function history(context: CliContext, key: string, options: HistoryOptions): Promise<void> {
  const names = new OrganizationNames(context.organizations);
  const tenant = options.org ? await names.idOf(options.org) : undefined;
  const found = await locateCustomers(context.database.db, key, tenant);
  const where = options.org ? ` in organization ${options.org}` : '';
  if (found.length === 0) throw new CliError(`No customer "${key}"${where}`);
  if (found.length > 1) {
    const owners = (await Promise.all(found.map((f) => names.nameOf(f.tenant)))).sort();
    throw new CliError(`Several organizations have a customer "${key}": ${owners.join(', ')}. Choose one with --org <name>`);
  }

  const [customer] = found;
  const entries = await new CustomerHistoryQuery(context.eventStore()).history(customer.tenant, customer.customerId);
  if (!entries) throw new CliError(`No customer "${key}"${where}`);
  if (options.json) {
    out(JSON.stringify(entries, null, 2));
    return;
  }
  const organization = await names.nameOf(customer.tenant);
  const number = customer.customerNumber ? ` (${customer.customerNumber})` : '';
  out(`Customer ${customer.customerId}${number} in ${organization}: ${entries.length} event${entries.length === 1 ? '' : 's'}`);
  out(historyTable(entries));
}

/** One row per event; the changes one per line. */
function historyTable(entries: readonly CustomerHistoryEntry[]): string {
  const rows = table(['version', 'time', 'event type', 'actor', 'changes']);
  for (const entry of entries) {
    rows.push([
      entry.version,
      entry.recordedAt,
      entry.source ? `${entry.eventType}\n(from ${entry.source})` : entry.eventType,
      entry.actor ? `${entry.actor.type}:${entry.actor.id}` : '-',
      entry.changes.map(formatChange).join('\n'),
    ]);
  }
  return rows.toString();
}

const ERASED = '[erased]';
const EMPTY = '(empty)';

/** `field: from -> to`; an erased value (the customer was forgotten) as `field: [erased]`. */
export function formatChange(change: CustomerFieldChange): string {
  if (change.erased) return `${change.field}: ${ERASED}`;
  return `${change.field}: ${change.from ?? EMPTY} -> ${change.to ?? EMPTY}`;
}
