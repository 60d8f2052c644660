import { CustomerAlreadyExistsError, type CustomerEvent, CustomerForgottenError, CustomerNotFoundError } from '../../domain';
import { archived, CUSTOMER_ID, companyCreated, ctx, forgotten, given, personCreated, rejectionOf } from '../../testing/customer.fixtures';
import { type CustomerCommand, decideCustomer } from '../customer.commands';
import { decideForgetCustomer } from './forget-customer.decide';

const when = (...history: CustomerEvent[]) => decideForgetCustomer({ type: 'ForgetCustomer', customerId: CUSTOMER_ID }, given(...history), ctx);

const forgottenNow: CustomerEvent = { type: 'CustomerForgotten', data: { customerId: CUSTOMER_ID, forgottenAt: '2026-11-25T10:00:00.000Z' } };

describe('ForgetCustomer', () => {
  it('forgets an active customer and erases its personal fields from state', () => {
    const history = [personCreated()];
    expect(when(...history)).toEqual([forgottenNow]);
    expect(given(...history, forgottenNow)).toEqual({
      kind: 'person',
      customerId: CUSTOMER_ID,
      status: 'forgotten',
      customerNumber: 'C-001',
      firstName: null,
      lastName: null,
      email: null,
      mobile: null,
      language: 'nl',
      address: null,
      zip: null,
      city: null,
      country: 'BE',
    });
  });

  it('forgets an archived customer too', () => {
    expect(when(personCreated(), archived())).toEqual([forgottenNow]);
  });

  it("keeps a company's non-personal facts", () => {
    expect(given(companyCreated(), forgottenNow)).toMatchObject({
      status: 'forgotten',
      companyName: 'Acme NV',
      enterpriseNumber: '0403019261',
      vatNumber: 'BE0403019261',
      customerNumber: 'C-100',
      firstName: null,
      email: null,
    });
  });

  it('rejects an unknown customer', () => {
    expect(() => when()).toThrow(CustomerNotFoundError);
  });

  describe('afterwards, every command is refused', () => {
    const commands: CustomerCommand[] = [
      { type: 'ChangeCustomerDetails', customerId: CUSTOMER_ID, email: 'new@example.be' },
      { type: 'ChangeCustomerNumber', customerId: CUSTOMER_ID, customerNumber: 'C-9' },
      { type: 'ArchiveCustomer', customerId: CUSTOMER_ID },
      { type: 'RestoreCustomer', customerId: CUSTOMER_ID },
      { type: 'ForgetCustomer', customerId: CUSTOMER_ID },
      { type: 'EnrichCompany', customerId: CUSTOMER_ID, suggestion: { source: 'kbo', vatNumber: 'BE0428759497' }, overwrite: true },
    ];

    it.each(commands.map((command) => [command.type, command] as const))('%s: CUSTOMER.FORGOTTEN (410)', (_type, command) => {
      const error = rejectionOf(() => decideCustomer(command, given(companyCreated(), forgotten()), ctx));
      expect(error).toBeInstanceOf(CustomerForgottenError);
      expect(error).toMatchObject({ code: 'CUSTOMER.FORGOTTEN', status: 410 });
    });

    it.each([
      { type: 'CreatePersonCustomer', customerId: CUSTOMER_ID, customerNumber: 'C-9' },
      { type: 'CreateCompanyCustomer', customerId: CUSTOMER_ID, companyName: 'Acme' },
    ] as CustomerCommand[])('$type: the id stays taken (CUSTOMER.ALREADY_EXISTS)', (command) => {
      expect(() => decideCustomer(command, given(personCreated(), forgotten()), ctx)).toThrow(CustomerAlreadyExistsError);
    });
  });
});
