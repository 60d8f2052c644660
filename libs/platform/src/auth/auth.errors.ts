import { DomainError } from '@cm/shared-kernel';

export class InvalidOrganizationNameError extends DomainError {
  readonly code = 'PLATFORM.ORGANIZATION_NAME_INVALID';
  readonly status = 400;
  constructor(name: string) {
    super(
      `Invalid organization name "${name}": use 1 to 100 lowercase letters, digits and dashes, not starting with a dash`,
      { name },
    );
  }
}

export class OrganizationNameTakenError extends DomainError {
  readonly code = 'PLATFORM.ORGANIZATION_NAME_TAKEN';
  readonly status = 409;
  constructor(name: string) {
    super(`An organization named "${name}" already exists`, { name });
  }
}

export class OrganizationNotFoundError extends DomainError {
  readonly code = 'PLATFORM.ORGANIZATION_NOT_FOUND';
  readonly status = 404;
  constructor(name: string) {
    super(`No organization named "${name}"`, { name });
  }
}
