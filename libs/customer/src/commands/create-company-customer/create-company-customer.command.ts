import type { CustomerFieldsInput } from '../../domain';

/**
 * Create a company customer. Fields are raw, as the channel brought them: the
 * decider validates and normalises them. First and last name, if given, are
 * the company's contact person. The id is chosen by the caller.
 */
export interface CreateCompanyCustomer extends Omit<CustomerFieldsInput, 'companyName'> {
  readonly type: 'CreateCompanyCustomer';
  readonly customerId: string;
  readonly companyName: string;
}
