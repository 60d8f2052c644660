import { type CustomerEvent, type CustomerState, type DecideContext, requireExisting } from '../../domain';
import type { ForgetCustomer } from './forget-customer.command';

/** Allowed on active and archived customers alike; a forgotten one is refused like every other command. */
export function decideForgetCustomer(command: ForgetCustomer, state: CustomerState, ctx: DecideContext): CustomerEvent[] {
  const customer = requireExisting(state, command.customerId);
  return [{ type: 'CustomerForgotten', data: { customerId: customer.customerId, forgottenAt: ctx.now.toISOString() } }];
}
