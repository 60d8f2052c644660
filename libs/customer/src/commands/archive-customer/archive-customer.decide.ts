import { type CustomerEvent, type CustomerState, type DecideContext, requireExisting } from '../../domain';
import type { ArchiveCustomer } from './archive-customer.command';

/** Archiving an archived customer records nothing: a retried request is not an error. */
export function decideArchiveCustomer(command: ArchiveCustomer, state: CustomerState, ctx: DecideContext): CustomerEvent[] {
  const customer = requireExisting(state, command.customerId);
  if (customer.status === 'archived') return [];
  return [{ type: 'CustomerArchived', data: { customerId: customer.customerId, archivedAt: ctx.now.toISOString() } }];
}
