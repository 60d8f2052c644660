import { DomainError } from '@cm/shared-kernel';
import type { FieldError } from './value-objects';

/** One or more fields are invalid; `details.errors` lists every one of them. */
export class CustomerValidationFailedError extends DomainError {
  readonly code = 'CUSTOMER.VALIDATION_FAILED';
  readonly status = 400;

  constructor(readonly errors: readonly FieldError[]) {
    super(`Invalid customer data: ${errors.map((error) => `${error.field} (${error.code})`).join(', ')}`, { errors });
  }
}

/** No customer with this id. */
export class CustomerNotFoundError extends DomainError {
  readonly code = 'CUSTOMER.NOT_FOUND';
  readonly status = 404;

  constructor(readonly customerId: string) {
    super(`Customer ${customerId} does not exist`, { customerId });
  }
}

/** A create for an id that already has a customer (including an archived or forgotten one). */
export class CustomerAlreadyExistsError extends DomainError {
  readonly code = 'CUSTOMER.ALREADY_EXISTS';
  readonly status = 409;

  constructor(readonly customerId: string) {
    super(`Customer ${customerId} already exists`, { customerId });
  }
}

/** An archived customer cannot be changed; restore it first. */
export class CustomerArchivedError extends DomainError {
  readonly code = 'CUSTOMER.ARCHIVED';
  readonly status = 409;

  constructor(readonly customerId: string) {
    super(`Customer ${customerId} is archived: restore it before changing it`, { customerId });
  }
}

/**
 * The customer was forgotten: its personal data is erased for good and no
 * command applies any more. 410 Gone, because unlike archiving it is final.
 */
export class CustomerForgottenError extends DomainError {
  readonly code = 'CUSTOMER.FORGOTTEN';
  readonly status = 410;

  constructor(readonly customerId: string) {
    super(`Customer ${customerId} was forgotten`, { customerId });
  }
}

/** A company-only operation (e.g. enrichment from a registry) on a person. */
export class CustomerNotACompanyError extends DomainError {
  readonly code = 'CUSTOMER.NOT_A_COMPANY';
  readonly status = 409;

  constructor(readonly customerId: string) {
    super(`Customer ${customerId} is a person, not a company`, { customerId });
  }
}

/**
 * Another customer of the organization has this customer number. Uniqueness
 * needs the database, so the application layer raises this, not a decider.
 */
export class CustomerNumberTakenError extends DomainError {
  readonly code = 'CUSTOMER.NUMBER_TAKEN';
  readonly status = 409;

  constructor(
    readonly customerNumber: string,
    readonly existingCustomerId: string,
  ) {
    super(`Customer number ${customerNumber} belongs to customer ${existingCustomerId}`, { customerNumber, existingCustomerId });
  }
}
