/** Bring an archived customer back into use. */
export interface RestoreCustomer {
  readonly type: 'RestoreCustomer';
  readonly customerId: string;
}
