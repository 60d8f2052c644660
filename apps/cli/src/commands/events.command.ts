import type { Command } from 'commander';
import { checkpointOf, type StoredEvent } from '@cm/event-store';
import { CliError } from '../cli-error';
import type { CliContext, WithContext } from '../cli-context';
import { followEvents } from '../follow-events';
import { formatStream, formatTailLine, streamAsJson } from '../format/event-format';
import { OrganizationNames } from '../organization-names';
import { examples, out, positiveInteger } from '../output';
import { type EventFilter, tailStart } from '../queries/tail-start.query';
import { streamTenants } from '../queries/stream-tenants.query';

interface TailOptions {
  readonly follow?: boolean;
  readonly org?: string;
  readonly type?: string;
  readonly limit: number;
}

interface StreamOptions {
  readonly org?: string;
  readonly json?: boolean;
}

/** `events tail` and `events stream`: what happened, in commit order or per stream. */
export function registerEventsCommands(program: Command, withContext: WithContext): void {
  const events = program
    .command('events')
    .description('read the event store: the latest events, or one stream\'s history')
    .addHelpText('after', examples('events tail --limit 50', 'events tail --follow --org acme', 'events stream 0b6c7c1e-... --json'));

  events
    .command('tail')
    .description('print the latest events in commit order: position, time, organization, stream@version, type, actor')
    .option('-f, --follow', 'keep printing new events as they are committed, until Ctrl-C')
    .option('--org <name>', 'only events of this organization')
    .option('--type <streamType>', 'only events of streams of this type (e.g. customer)')
    .option('-n, --limit <count>', 'how many of the latest events to print first', positiveInteger, 20)
    .addHelpText('after', examples('events tail', 'events tail --limit 100 --type customer', 'events tail --follow --org acme'))
    .action((options: TailOptions) => withContext((context) => tail(context, options)));

  events
    .command('stream')
    .description('print one stream\'s events with version, type, time, actor, correlation id and data')
    .argument('<streamId>', 'the stream id (unique within an organization)')
    .option('--org <name>', 'the organization owning the stream (needed when several have that stream id)')
    .option('--json', 'print the events as a JSON array')
    .addHelpText('after', examples('events stream 0b6c7c1e-5d0e-4bd6-9f57-2f1f0a8a6f4e', 'events stream customer-42 --org acme --json'))
    .action((streamId: string, options: StreamOptions) => withContext((context) => stream(context, streamId, options)));
}

async function tail(context: CliContext, options: TailOptions): Promise<void> {
  const store = context.eventStore();
  const names = new OrganizationNames(context.organizations);
  const filter: EventFilter = {
    tenant: options.org ? await names.idOf(options.org) : undefined,
    streamTypes: options.type ? [options.type] : undefined,
  };
  const print = async (batch: readonly StoredEvent[]) => {
    for (const event of batch) out(formatTailLine(event, await names.nameOf(event.tenant)));
  };

  let checkpoint = await tailStart(store.db, options.limit, filter);
  const latest = await store.readAll({ ...filter, after: checkpoint, limit: options.limit });
  await print(latest);
  if (latest.length > 0) checkpoint = checkpointOf(latest[latest.length - 1]);
  if (options.follow) await followEvents(context, filter, checkpoint, print);
}

async function stream(context: CliContext, streamId: string, options: StreamOptions): Promise<void> {
  const store = context.eventStore();
  const names = new OrganizationNames(context.organizations);
  let tenant: string;
  if (options.org) {
    tenant = await names.idOf(options.org);
  } else {
    const tenants = await streamTenants(store.db, streamId);
    if (tenants.length === 0) throw new CliError(`No stream "${streamId}"`);
    if (tenants.length > 1) {
      const owners = (await Promise.all(tenants.map((t) => names.nameOf(t)))).sort();
      throw new CliError(`Several organizations have a stream "${streamId}": ${owners.join(', ')}. Choose one with --org <name>`);
    }
    tenant = tenants[0];
  }

  const events = await store.readStream(tenant, streamId);
  const organization = await names.nameOf(tenant);
  if (events.length === 0) throw new CliError(`No stream "${streamId}" in organization ${organization}`);
  out(options.json ? streamAsJson(events, organization) : formatStream(events, organization));
}
