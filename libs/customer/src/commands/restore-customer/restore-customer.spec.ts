import { type CustomerEvent, CustomerForgottenError, CustomerNotFoundError } from '../../domain';
import { archived, CUSTOMER_ID, companyCreated, ctx, forgotten, given, personCreated } from '../../testing/customer.fixtures';
import { decideRestoreCustomer } from './restore-customer.decide';

const when = (...history: CustomerEvent[]) => decideRestoreCustomer({ type: 'RestoreCustomer', customerId: CUSTOMER_ID }, given(...history), ctx);

describe('RestoreCustomer', () => {
  it('restores an archived customer, at the time of the decision', () => {
    const history = [companyCreated(), archived()];
    const events = when(...history);
    expect(events).toEqual([{ type: 'CustomerRestored', data: { customerId: CUSTOMER_ID, restoredAt: '2026-11-25T10:00:00.000Z' } }]);
    expect(given(...history, ...events)).toMatchObject({ kind: 'company', status: 'active' });
  });

  it('records nothing for an active customer', () => {
    expect(when(personCreated())).toEqual([]);
  });

  it('rejects an unknown customer', () => {
    expect(() => when()).toThrow(CustomerNotFoundError);
  });

  it('rejects a forgotten customer, archived before or not', () => {
    expect(() => when(personCreated(), archived(), forgotten())).toThrow(CustomerForgottenError);
    expect(() => when(personCreated(), forgotten())).toThrow(CustomerForgottenError);
  });
});
