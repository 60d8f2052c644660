import { CustomerArchivedError, type CustomerEvent, CustomerForgottenError, CustomerNotFoundError, evolve } from '../../domain';
import { archived, CUSTOMER_ID, companyCreated, ctx, fieldErrorsOf, forgotten, given, personCreated, rejectionOf } from '../../testing/customer.fixtures';
import { decideChangeCustomerNumber } from './change-customer-number.decide';

const when = (customerNumber: string | null, ...history: CustomerEvent[]) =>
  decideChangeCustomerNumber({ type: 'ChangeCustomerNumber', customerId: CUSTOMER_ID, customerNumber }, given(...history), ctx);

const numberChanged = (oldCustomerNumber: string | null, newCustomerNumber: string | null): CustomerEvent => ({
  type: 'CustomerNumberChanged',
  data: { customerId: CUSTOMER_ID, oldCustomerNumber, newCustomerNumber },
});

describe('ChangeCustomerNumber', () => {
  it('records the old and the new number', () => {
    const events = when(' C-002 ', personCreated());
    expect(events).toEqual([numberChanged('C-001', 'C-002')]);
    expect(evolve(given(personCreated()), events[0])).toMatchObject({ customerNumber: 'C-002' });
  });

  it('gives a number to a customer that had none', () => {
    expect(when('C-002', personCreated({ customerNumber: null }))).toEqual([numberChanged(null, 'C-002')]);
  });

  it('records nothing for the same number', () => {
    expect(when('C-001 ', personCreated())).toEqual([]);
  });

  it('clears the number of a person who has both names', () => {
    expect(when(null, personCreated())).toEqual([numberChanged('C-001', null)]);
    expect(when('  ', personCreated())).toEqual([numberChanged('C-001', null)]);
  });

  it('clears the number of a company', () => {
    expect(when(null, companyCreated({ firstName: null, lastName: null }))).toEqual([numberChanged('C-100', null)]);
  });

  it('refuses to clear the number of a person without both names', () => {
    expect(fieldErrorsOf(() => when(null, personCreated({ lastName: null })))).toEqual([{ field: 'customerNumber', code: 'REQUIRED' }]);
  });

  it('refuses a number longer than 35 characters', () => {
    expect(fieldErrorsOf(() => when('x'.repeat(36), personCreated()))).toEqual([{ field: 'customerNumber', code: 'TOO_LONG' }]);
  });

  it.each([
    ['no customer', [], CustomerNotFoundError],
    ['an archived customer', [personCreated(), archived()], CustomerArchivedError],
    ['a forgotten customer', [personCreated(), forgotten()], CustomerForgottenError],
  ])('rejects %s', (_label, history, errorClass) => {
    expect(rejectionOf(() => when('C-002', ...history))).toBeInstanceOf(errorClass);
  });
});
