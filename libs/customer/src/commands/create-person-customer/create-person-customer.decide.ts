import {
  applyCommonPatch,
  CustomerAlreadyExistsError,
  type CustomerEvent,
  type CustomerState,
  type DecideContext,
  EMPTY_COMMON_FIELDS,
  identityAfter,
  parseCustomerFields,
  personIdentityErrors,
  validated,
} from '../../domain';
import type { CreatePersonCustomer } from './create-person-customer.command';

/** A new person: needs a customer number or both names. The number's uniqueness is checked outside. */
export function decideCreatePersonCustomer(command: CreatePersonCustomer, state: CustomerState, ctx: DecideContext): CustomerEvent[] {
  if (state.kind !== 'none') throw new CustomerAlreadyExistsError(command.customerId);
  const patch = validated(parseCustomerFields(command), personIdentityErrors(identityAfter(command, EMPTY_COMMON_FIELDS)));
  return [
    {
      type: 'PersonCustomerCreated',
      data: { customerId: command.customerId, ...applyCommonPatch(EMPTY_COMMON_FIELDS, patch), createdAt: ctx.now.toISOString() },
    },
  ];
}
