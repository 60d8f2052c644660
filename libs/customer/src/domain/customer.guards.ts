import { CustomerArchivedError, CustomerForgottenError, CustomerNotACompanyError, CustomerNotFoundError } from './customer.errors';
import type { CompanyCustomer, CustomerState, ExistingCustomer } from './customer.state';

/** The customer, unless it does not exist or was forgotten (nothing applies to those). */
export function requireExisting(state: CustomerState, customerId: string): ExistingCustomer {
  if (state.kind === 'none') throw new CustomerNotFoundError(customerId);
  if (state.status === 'forgotten') throw new CustomerForgottenError(customerId);
  return state;
}

/** The customer, if it may be changed: it exists, is not forgotten and not archived. */
export function requireActive(state: CustomerState, customerId: string): ExistingCustomer {
  const customer = requireExisting(state, customerId);
  if (customer.status === 'archived') throw new CustomerArchivedError(customerId);
  return customer;
}

/** The customer as a company; company-only operations refuse a person. */
export function requireCompany(customer: ExistingCustomer): CompanyCustomer {
  if (customer.kind !== 'company') throw new CustomerNotACompanyError(customer.customerId);
  return customer;
}
