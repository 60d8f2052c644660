import { InvalidOrganizationNameError } from './auth.errors';

const NAME_FORMAT = /^[a-z0-9][a-z0-9-]{0,99}$/;

/** 1 to 100 characters: lowercase letters, digits and dashes, not starting with a dash. */
export function assertValidOrganizationName(name: string): void {
  if (typeof name !== 'string' || !NAME_FORMAT.test(name)) throw new InvalidOrganizationNameError(name);
}
