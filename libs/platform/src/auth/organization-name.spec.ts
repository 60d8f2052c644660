import { InvalidOrganizationNameError } from './auth.errors';
import { assertValidOrganizationName } from './organization-name';

describe('organization names', () => {
  it.each(['a', 'default', 'acme-2', '42', 'a'.repeat(100)])('accept %p', (name) =>
    expect(() => assertValidOrganizationName(name)).not.toThrow(),
  );

  it.each(['', 'Acme', 'acme corp', 'acme_corp', '-acme', 'accént', 'a'.repeat(101)])('reject %p', (name) =>
    expect(() => assertValidOrganizationName(name)).toThrow(InvalidOrganizationNameError),
  );

  it('reject with a stable code and the name in the details', () => {
    const error = new InvalidOrganizationNameError('Bad');
    expect(error.code).toBe('PLATFORM.ORGANIZATION_NAME_INVALID');
    expect(error.status).toBe(400);
    expect(error.details).toEqual({ name: 'Bad' });
  });
});
