import type { CustomerCommandHandler } from '../../application/customer-command-handler';
import type { CommandMeta } from '../../application/command-meta';
import { CustomerForgottenError } from '../../domain';
import type { CustomerView } from '../../queries/customer.view';
import { assertValid, changeCommands, stateOfView, type WireFields } from './customer-commands.mapping';

/**
 * Applies the fields sent to an existing customer (PATCH, and PUT by number on
 * a customer that exists): checks every command first, so an invalid request
 * writes nothing, then appends them in order. With `ifVersion` (from If-Match)
 * the first command must find the customer at that version and each next one
 * at the version the previous one left. Nothing differing writes nothing.
 *
 * A number change and a details change are two appends: a concurrent writer
 * slipping in between can make the second fail after the first was written.
 */
export async function applyChanges(
  handler: CustomerCommandHandler,
  tenant: string,
  customer: CustomerView,
  fields: WireFields,
  meta: CommandMeta,
  ifVersion: number | undefined,
): Promise<void> {
  if (customer.status === 'forgotten') throw new CustomerForgottenError(customer.id);
  const { commands, errors } = changeCommands(fields, customer);
  assertValid(commands, stateOfView(customer), errors);
  let expected = ifVersion;
  for (const command of commands) {
    const outcome = await handler.execute(tenant, command, meta, { ifVersion: expected });
    if (expected !== undefined) expected = outcome.version;
  }
}
