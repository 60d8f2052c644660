import { DomainError } from '@cm/shared-kernel';

/** `If-Match` named a version the customer is no longer at. */
export class CustomerVersionMismatchError extends DomainError {
  readonly code = 'CUSTOMER.VERSION_MISMATCH';
  readonly status = 412;

  constructor(
    readonly customerId: string,
    readonly expectedVersion: number,
    readonly actualVersion: number,
  ) {
    super(`Customer ${customerId} is at version ${actualVersion}, not ${expectedVersion}`, { expectedVersion, actualVersion });
  }
}

/** Someone else changed the customer at the same moment, again and again. */
export class CustomerConcurrentChangeError extends DomainError {
  readonly code = 'CUSTOMER.CONCURRENT_CHANGE';
  readonly status = 409;

  constructor(readonly customerId: string) {
    super(`Customer ${customerId} was changed concurrently; retry`, { customerId });
  }
}
