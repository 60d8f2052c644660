import type { CustomerFieldsInput } from '../../domain';

/**
 * Change some details (a partial update): a missing field stays as it is,
 * `null` or blank clears it; the address is replaced or cleared as a whole.
 * Clearing a company's name makes it a person; giving a person a company name
 * makes it a company. The customer number has its own command.
 */
export interface ChangeCustomerDetails extends Omit<CustomerFieldsInput, 'customerNumber'> {
  readonly type: 'ChangeCustomerDetails';
  readonly customerId: string;
}
