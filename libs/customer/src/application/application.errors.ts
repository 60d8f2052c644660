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

/** The registries do not know the company's enterprise number: nothing to prefill or enrich from. */
export class EnterpriseNotInRegistryError extends DomainError {
  readonly code = 'CUSTOMER.ENTERPRISE_NOT_IN_REGISTRY';
  readonly status = 422;

  constructor(
    readonly enterpriseNumber: string,
    readonly sources: readonly string[],
  ) {
    super(`No registry (${sources.join(', ')}) knows enterprise number ${enterpriseNumber}`, { enterpriseNumber, sources });
  }
}

/** Why a company cannot be enriched from a registry. */
export type NotEnrichableReason = 'NO_ENTERPRISE_NUMBER' | 'NO_REGISTRY';

/** The company has nothing a registry can be asked about. */
export class CompanyNotEnrichableError extends DomainError {
  readonly code = 'CUSTOMER.NOT_ENRICHABLE';
  readonly status = 422;

  constructor(
    readonly customerId: string,
    readonly reason: NotEnrichableReason,
    message: string,
  ) {
    super(message, { customerId, reason });
  }
}
