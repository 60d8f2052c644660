import { type CustomerEvent, type CustomerState, type DecideContext, requireExisting } from '../../domain';
import type { RestoreCustomer } from './restore-customer.command';

/** Restoring an active customer records nothing: a retried request is not an error. */
export function decideRestoreCustomer(command: RestoreCustomer, state: CustomerState, ctx: DecideContext): CustomerEvent[] {
  const customer = requireExisting(state, command.customerId);
  if (customer.status === 'active') return [];
  return [{ type: 'CustomerRestored', data: { customerId: customer.customerId, restoredAt: ctx.now.toISOString() } }];
}
