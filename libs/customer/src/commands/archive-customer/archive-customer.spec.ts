import { type CustomerEvent, CustomerForgottenError, CustomerNotFoundError } from '../../domain';
import { archived, CUSTOMER_ID, companyCreated, ctx, forgotten, given, personCreated, restored } from '../../testing/customer.fixtures';
import { decideArchiveCustomer } from './archive-customer.decide';

const when = (...history: CustomerEvent[]) => decideArchiveCustomer({ type: 'ArchiveCustomer', customerId: CUSTOMER_ID }, given(...history), ctx);

describe('ArchiveCustomer', () => {
  it.each([
    ['a person', [personCreated()]],
    ['a company', [companyCreated()]],
    ['a restored customer', [personCreated(), archived(), restored()]],
  ])('archives %s, at the time of the decision', (_label, history) => {
    const events = when(...history);
    expect(events).toEqual([{ type: 'CustomerArchived', data: { customerId: CUSTOMER_ID, archivedAt: '2026-11-25T10:00:00.000Z' } }]);
    expect(given(...history, ...events)).toMatchObject({ status: 'archived' });
  });

  it('records nothing for a customer that is archived already', () => {
    expect(when(personCreated(), archived())).toEqual([]);
  });

  it('rejects an unknown customer', () => {
    expect(() => when()).toThrow(CustomerNotFoundError);
  });

  it('rejects a forgotten customer', () => {
    expect(() => when(personCreated(), forgotten())).toThrow(CustomerForgottenError);
  });
});
