import {
  type CustomerEvent,
  type CustomerState,
  type DecideContext,
  type FieldError,
  isBlank,
  parseCustomerFields,
  requireActive,
  validated,
} from '../../domain';
import type { ChangeCustomerNumber } from './change-customer-number.command';

const NUMBER_REQUIRED: FieldError = {
  field: 'customerNumber',
  code: 'REQUIRED',
  message: 'A person without both a first and a last name needs a customer number',
};

/** An explicit, audited change of the number; the same number again records nothing. Uniqueness is checked outside. */
export function decideChangeCustomerNumber(command: ChangeCustomerNumber, state: CustomerState, _ctx: DecideContext): CustomerEvent[] {
  const customer = requireActive(state, command.customerId);
  const losesIdentity =
    customer.kind === 'person' && isBlank(command.customerNumber) && (customer.firstName === null || customer.lastName === null);
  const patch = validated(parseCustomerFields({ customerNumber: command.customerNumber }), losesIdentity ? [NUMBER_REQUIRED] : []);
  const newCustomerNumber = patch.customerNumber ?? null;
  if (newCustomerNumber === customer.customerNumber) return [];
  return [
    {
      type: 'CustomerNumberChanged',
      data: { customerId: customer.customerId, oldCustomerNumber: customer.customerNumber, newCustomerNumber },
    },
  ];
}
