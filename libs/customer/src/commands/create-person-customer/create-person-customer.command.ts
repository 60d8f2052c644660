import type { CustomerFieldsInput } from '../../domain';

/**
 * Create a person customer. Fields are raw, as the channel brought them: the
 * decider validates and normalises them. The id is chosen by the caller.
 */
export interface CreatePersonCustomer
  extends Pick<CustomerFieldsInput, 'customerNumber' | 'firstName' | 'lastName' | 'email' | 'mobile' | 'language' | 'address'> {
  readonly type: 'CreatePersonCustomer';
  readonly customerId: string;
}
