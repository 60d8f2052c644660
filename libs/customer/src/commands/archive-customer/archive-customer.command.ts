/** Archive a customer: kept with its history, but no longer changeable until restored. */
export interface ArchiveCustomer {
  readonly type: 'ArchiveCustomer';
  readonly customerId: string;
}
