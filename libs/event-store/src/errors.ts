import { DomainError } from '@cm/shared-kernel';

/** The stream was not at the version the writer expected: someone else wrote first. */
export class WrongExpectedVersionError extends DomainError {
  readonly code = 'EVENT_STORE.WRONG_EXPECTED_VERSION';
  readonly status = 409;

  constructor(
    readonly streamId: string,
    readonly expectedVersion: string | number,
    readonly actualVersion: number,
  ) {
    super(`Stream ${streamId} is at version ${actualVersion}, expected ${expectedVersion}`, {
      expectedVersion,
      actualVersion,
    });
  }
}

/** Some, but not all, of an append's event ids are stored already: not a clean retry. */
export class EventIdConflictError extends DomainError {
  readonly code = 'EVENT_STORE.EVENT_ID_CONFLICT';
  readonly status = 409;
}
