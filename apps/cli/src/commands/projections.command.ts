import type { Command } from 'commander';
import type { Projection } from '@cm/event-store';
import { CliError } from '../cli-error';
import type { CliContext, WithContext } from '../cli-context';
import { examples, out, progressBar, table } from '../output';

const ERROR_WIDTH = 60;

/** `projections list|rebuild|resume`: the read models built by durable subscriptions. */
export function registerProjectionsCommands(program: Command, withContext: WithContext): void {
  const projections = program
    .command('projections')
    .description('inspect, rebuild and resume the read models (projections)')
    .addHelpText('after', examples('projections list', 'projections rebuild audit-log', 'projections resume audit-log'));

  projections
    .command('list')
    .description('show each projection: checkpoint position, lag in events, status (running, failed, new) and last error')
    .addHelpText('after', examples('projections list'))
    .action(() => withContext(list));

  projections
    .command('rebuild')
    .description('replay every event into a fresh copy of the projection\'s tables, then swap it in (no downtime)')
    .argument('<name>', 'the projection, as `projections list` shows it')
    .addHelpText('after', examples('projections rebuild audit-log'))
    .action((name: string) => withContext((context) => rebuild(context, name)));

  projections
    .command('resume')
    .description('restart a projection parked as failed, at the event that failed (after fixing its cause)')
    .argument('<name>', 'the projection, as `projections list` shows it')
    .addHelpText('after', examples('projections resume audit-log'))
    .action((name: string) => withContext((context) => resume(context, name)));
}

async function list(context: CliContext): Promise<void> {
  const rows = table(['name', 'position', 'lag', 'status', 'error']);
  for (const s of await context.subscriptions().statuses()) {
    rows.push([s.name, s.position.toString(), s.lag, s.status, shorten(s.error)]);
  }
  // Inline projections are written by the appends themselves: never behind.
  for (const p of context.projections.values()) if (p.inline) rows.push([p.name, '-', 0, 'inline', '']);
  out(rows.toString());
}

async function rebuild(context: CliContext, name: string): Promise<void> {
  const projection = known(context, name);
  const started = performance.now();
  const bar = progressBar(`${name} [{bar}] {percentage}% | {value}/{total} events`);
  try {
    const result = await context.rebuilder().rebuild(projection, ({ done, total }) => bar.update(done, total));
    bar.stop();
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    out(`Rebuilt projection ${name}: ${result.done} event${result.done === 1 ? '' : 's'} in ${seconds} s`);
  } finally {
    bar.stop();
  }
}

async function resume(context: CliContext, name: string): Promise<void> {
  known(context, name);
  const manager = context.subscriptions();
  const status = (await manager.statuses()).find((s) => s.name === name);
  if (status?.status !== 'failed') {
    out(`Projection ${name} is ${status?.status ?? 'new'}: nothing to resume`);
    return;
  }
  if (!(await manager.resume(name))) throw new CliError(`Projection ${name} could not be resumed`);
  out(`Resumed projection ${name} at position ${status.failedPosition ?? status.position}; the running API picks it up`);
}

function known(context: CliContext, name: string): Projection {
  const projection = context.projections.get(name);
  if (!projection) {
    throw new CliError(`Unknown projection "${name}". Known projections: ${[...context.projections.keys()].sort().join(', ')}`);
  }
  return projection;
}

/** The first line of an error, cut to fit the table. */
function shorten(error: string | null): string {
  if (!error) return '';
  const line = error.split('\n')[0].trim();
  return line.length > ERROR_WIDTH ? `${line.slice(0, ERROR_WIDTH - 1)}…` : line;
}
