import {
  applyCommonPatch,
  CustomerAlreadyExistsError,
  type CustomerEvent,
  type CustomerState,
  type DecideContext,
  EMPTY_COMMON_FIELDS,
  type FieldError,
  isBlank,
  parseCustomerFields,
  validated,
} from '../../domain';
import type { CreateCompanyCustomer } from './create-company-customer.command';

const COMPANY_NAME_REQUIRED: FieldError = { field: 'companyName', code: 'REQUIRED', message: 'A company needs a company name' };

/** A new company: needs a company name; a Belgian enterprise or VAT number must pass its check digits. */
export function decideCreateCompanyCustomer(command: CreateCompanyCustomer, state: CustomerState, ctx: DecideContext): CustomerEvent[] {
  if (state.kind !== 'none') throw new CustomerAlreadyExistsError(command.customerId);
  const patch = validated(parseCustomerFields(command), isBlank(command.companyName) ? [COMPANY_NAME_REQUIRED] : []);
  return [
    {
      type: 'CompanyCustomerCreated',
      data: {
        customerId: command.customerId,
        ...applyCommonPatch(EMPTY_COMMON_FIELDS, patch),
        companyName: patch.companyName as string, // present: a blank one was refused above
        enterpriseNumber: patch.enterpriseNumber ?? null,
        vatNumber: patch.vatNumber ?? null,
        createdAt: ctx.now.toISOString(),
      },
    },
  ];
}
