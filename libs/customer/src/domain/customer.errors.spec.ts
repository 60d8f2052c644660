import { DomainError } from '@cm/shared-kernel';
import {
  CustomerAlreadyExistsError,
  CustomerArchivedError,
  CustomerForgottenError,
  CustomerNotACompanyError,
  CustomerNotFoundError,
  CustomerNumberTakenError,
  CustomerValidationFailedError,
} from './customer.errors';

describe('customer errors', () => {
  it.each([
    [new CustomerValidationFailedError([{ field: 'email', code: 'INVALID_FORMAT', message: 'bad' }]), 'CUSTOMER.VALIDATION_FAILED', 400],
    [new CustomerNotFoundError('c1'), 'CUSTOMER.NOT_FOUND', 404],
    [new CustomerAlreadyExistsError('c1'), 'CUSTOMER.ALREADY_EXISTS', 409],
    [new CustomerArchivedError('c1'), 'CUSTOMER.ARCHIVED', 409],
    [new CustomerForgottenError('c1'), 'CUSTOMER.FORGOTTEN', 410],
    [new CustomerNotACompanyError('c1'), 'CUSTOMER.NOT_A_COMPANY', 409],
    [new CustomerNumberTakenError('C-1', 'c2'), 'CUSTOMER.NUMBER_TAKEN', 409],
  ])('%s has a stable code and status', (error, code, status) => {
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code, status });
  });

  it('carry their machine-readable details', () => {
    expect(new CustomerValidationFailedError([{ field: 'email', code: 'INVALID_FORMAT', message: 'bad' }]).details).toEqual({
      errors: [{ field: 'email', code: 'INVALID_FORMAT', message: 'bad' }],
    });
    expect(new CustomerNumberTakenError('C-1', 'c2').details).toEqual({ customerNumber: 'C-1', existingCustomerId: 'c2' });
    expect(new CustomerNotFoundError('c1').details).toEqual({ customerId: 'c1' });
  });
});
