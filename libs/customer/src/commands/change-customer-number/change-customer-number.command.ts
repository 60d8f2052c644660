/**
 * Change the customer number, the deduplication key. `null` (or blank) clears
 * it, which a person keeps only with both names. Systems keyed on the old
 * number will no longer find the customer: callers should warn about that.
 */
export interface ChangeCustomerNumber {
  readonly type: 'ChangeCustomerNumber';
  readonly customerId: string;
  readonly customerNumber: string | null;
}
