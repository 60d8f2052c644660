/**
 * Erase the customer's personal data (right to erasure). Final: the history
 * and its non-personal facts stay, every later command is refused.
 */
export interface ForgetCustomer {
  readonly type: 'ForgetCustomer';
  readonly customerId: string;
}
