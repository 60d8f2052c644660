import type { CustomerCommandHandler } from '../../application/customer-command-handler';
import type { CommandMeta } from '../../application/command-meta';
import { CustomerForgottenError } from '../../domain';
import type { CustomerView } from '../../queries/customer.view';
import { assertValid, changeCommands, stateOfView, type WireFields } from './customer-commands.mapping';

/**
 * Applies the fields sent to an existing customer (PATCH, and PUT by number on
 * a customer that exists): checks every command first, so an invalid request
 * writes nothing, then appends all their events at once (a number change and
 * a details change take effect together or not at all). With `ifVersion`
 * (from If-Match) the customer must be at that version. Nothing differing
 * writes nothing.
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
  if (commands.length > 0) await handler.executeAll(tenant, commands, meta, { ifVersion });
}
