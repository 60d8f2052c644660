import type { CustomerEvent, CustomerState, DecideContext } from '../domain';
import type { ArchiveCustomer } from './archive-customer/archive-customer.command';
import { decideArchiveCustomer } from './archive-customer/archive-customer.decide';
import type { ChangeCustomerDetails } from './change-customer-details/change-customer-details.command';
import { decideChangeCustomerDetails } from './change-customer-details/change-customer-details.decide';
import type { ChangeCustomerNumber } from './change-customer-number/change-customer-number.command';
import { decideChangeCustomerNumber } from './change-customer-number/change-customer-number.decide';
import type { CreateCompanyCustomer } from './create-company-customer/create-company-customer.command';
import { decideCreateCompanyCustomer } from './create-company-customer/create-company-customer.decide';
import type { CreatePersonCustomer } from './create-person-customer/create-person-customer.command';
import { decideCreatePersonCustomer } from './create-person-customer/create-person-customer.decide';
import type { EnrichCompany } from './enrich-company/enrich-company.command';
import { decideEnrichCompany } from './enrich-company/enrich-company.decide';
import type { ForgetCustomer } from './forget-customer/forget-customer.command';
import { decideForgetCustomer } from './forget-customer/forget-customer.decide';
import type { RestoreCustomer } from './restore-customer/restore-customer.command';
import { decideRestoreCustomer } from './restore-customer/restore-customer.decide';

/** Every command on a customer. */
export type CustomerCommand =
  | CreatePersonCustomer
  | CreateCompanyCustomer
  | ChangeCustomerDetails
  | ChangeCustomerNumber
  | ArchiveCustomer
  | RestoreCustomer
  | ForgetCustomer
  | EnrichCompany;

/** Routes a command to its decider, for callers that handle commands generically (CLI, replays, tests). */
export function decideCustomer(command: CustomerCommand, state: CustomerState, ctx: DecideContext): CustomerEvent[] {
  switch (command.type) {
    case 'CreatePersonCustomer':
      return decideCreatePersonCustomer(command, state, ctx);
    case 'CreateCompanyCustomer':
      return decideCreateCompanyCustomer(command, state, ctx);
    case 'ChangeCustomerDetails':
      return decideChangeCustomerDetails(command, state, ctx);
    case 'ChangeCustomerNumber':
      return decideChangeCustomerNumber(command, state, ctx);
    case 'ArchiveCustomer':
      return decideArchiveCustomer(command, state, ctx);
    case 'RestoreCustomer':
      return decideRestoreCustomer(command, state, ctx);
    case 'ForgetCustomer':
      return decideForgetCustomer(command, state, ctx);
    case 'EnrichCompany':
      return decideEnrichCompany(command, state, ctx);
    default: {
      const _never: never = command;
      throw new Error(`Unknown customer command ${(_never as { type: string }).type}`);
    }
  }
}
