import { CustomerValidationFailedError } from '../../domain';
import type { CustomerView } from '../../queries/customer.view';
import { assertValid, changeCommands, createCommand, stateOfView, wireFields } from './customer-commands.mapping';
import { CustomerFieldsBody } from './customer-fields.body';

const body = (fields: Record<string, unknown>): CustomerFieldsBody => Object.assign(new CustomerFieldsBody(), fields);

const view = (overrides: Partial<CustomerView> = {}): CustomerView => ({
  id: '018f0000-0000-7000-8000-000000000001',
  type: 'person',
  customerNumber: 'C-1',
  firstName: 'Els',
  lastName: 'Maes',
  companyName: null,
  enterpriseNumber: null,
  vatNumber: null,
  email: null,
  mobile: null,
  language: 'en',
  address: null,
  zip: null,
  city: null,
  country: null,
  status: 'active',
  version: 1,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  ...overrides,
});

const fieldErrors = (work: () => unknown): string[] => {
  try {
    work();
  } catch (error) {
    if (error instanceof CustomerValidationFailedError) return error.errors.map((e) => `${e.field}:${e.code}`).sort();
    throw error;
  }
  throw new Error('no validation error');
};

describe('wireFields', () => {
  it('resolves the Twikey spellings and leaves out what was not sent', () => {
    expect(wireFields(body({ firstname: 'Els', lastname: 'Maes', coc: '0403019261', vatno: 'BE1', l: 'nl', email: null }))).toEqual({
      firstName: 'Els',
      lastName: 'Maes',
      enterpriseNumber: '0403019261',
      vatNumber: 'BE1',
      language: 'nl',
      email: null,
    });
    expect(wireFields(body({ lang: 'fr' })).language).toBe('fr');
  });

  it('groups the address parts into one address when any part is sent', () => {
    expect(wireFields(body({ city: 'Gent' })).address).toEqual({ line: null, zip: null, city: 'Gent', country: null });
    expect(wireFields(body({ address: 'Markt 1', zip: '9000', city: 'Gent', country: 'BE' })).address).toEqual({
      line: 'Markt 1',
      zip: '9000',
      city: 'Gent',
      country: 'BE',
    });
    expect(wireFields(body({ email: 'a@example.com' }))).not.toHaveProperty('address');
  });
});

describe('createCommand', () => {
  const id = '018f0000-0000-7000-8000-000000000002';

  it('makes a company exactly when a company name is given, unless the type says otherwise', () => {
    expect(createCommand(wireFields(body({ companyName: 'Acme' })), id).type).toBe('CreateCompanyCustomer');
    expect(createCommand(wireFields(body({ companyName: '  ', firstName: 'A', lastName: 'B' })), id).type).toBe('CreatePersonCustomer');
    expect(createCommand(wireFields(body({ firstName: 'A', lastName: 'B' })), id).type).toBe('CreatePersonCustomer');
    expect(createCommand(wireFields(body({ type: 'company', companyName: 'Acme' })), id)).toMatchObject({ companyName: 'Acme' });
  });

  it('refuses company fields on a person, with the other problems', () => {
    expect(fieldErrors(() => createCommand(wireFields(body({ type: 'person', companyName: 'Acme', coc: '1' })), id))).toEqual([
      'companyName:COMPANY_ONLY',
      'enterpriseNumber:COMPANY_ONLY',
      'firstName:REQUIRED',
      'lastName:REQUIRED',
    ]);
  });
});

describe('changeCommands', () => {
  it('puts a new number first and a cleared number last', () => {
    const setting = changeCommands(wireFields(body({ customerNumber: 'C-2', email: 'a@example.com' })), view());
    expect(setting.commands.map((c) => c.type)).toEqual(['ChangeCustomerNumber', 'ChangeCustomerDetails']);
    const clearing = changeCommands(wireFields(body({ customerNumber: null, firstName: 'Eva' })), view());
    expect(clearing.commands.map((c) => c.type)).toEqual(['ChangeCustomerDetails', 'ChangeCustomerNumber']);
  });

  it('sends no command for an empty body', () => {
    expect(changeCommands(wireFields(body({})), view()).commands).toEqual([]);
  });

  it('turns type person into clearing the company name, and needs a name for type company', () => {
    const company = view({ type: 'company', companyName: 'Acme' });
    expect(changeCommands(wireFields(body({ type: 'person' })), company).commands[0]).toMatchObject({ companyName: null });
    expect(changeCommands(wireFields(body({ type: 'company' })), view()).errors.map((e) => e.code)).toEqual(['REQUIRED']);
    expect(changeCommands(wireFields(body({ type: 'company' })), company).errors).toEqual([]);
  });
});

describe('assertValid', () => {
  it('collects the field errors of every command, decided in order', () => {
    const { commands } = changeCommands(wireFields(body({ customerNumber: 'x'.repeat(36), email: 'bad' })), view());
    expect(fieldErrors(() => assertValid(commands, stateOfView(view())))).toEqual(['customerNumber:TOO_LONG', 'email:INVALID_FORMAT']);
  });

  it('accepts what the deciders accept', () => {
    const { commands } = changeCommands(wireFields(body({ customerNumber: null, email: 'a@example.com' })), view());
    expect(() => assertValid(commands, stateOfView(view()))).not.toThrow();
  });
});
