import { CustomerAlreadyExistsError, CustomerValidationFailedError, evolve, initialState } from '../../domain';
import { archived, CUSTOMER_ID, ctx, fieldErrorsOf, forgotten, given, personCreated, rejectionOf } from '../../testing/customer.fixtures';
import type { CreatePersonCustomer } from './create-person-customer.command';
import { decideCreatePersonCustomer } from './create-person-customer.decide';

const create = (fields: Omit<CreatePersonCustomer, 'type' | 'customerId'>): CreatePersonCustomer => ({
  type: 'CreatePersonCustomer',
  customerId: CUSTOMER_ID,
  ...fields,
});

/** Given no customer, when this person is created. */
const whenCreated = (fields: Omit<CreatePersonCustomer, 'type' | 'customerId'>) => decideCreatePersonCustomer(create(fields), initialState, ctx);

describe('CreatePersonCustomer', () => {
  describe('given no customer', () => {
    it('records the person with every field normalised, at the time of the decision', () => {
      const events = decideCreatePersonCustomer(
        create({
          customerNumber: ' C-001 ',
          firstName: ' Ann ',
          lastName: 'Peeters',
          email: 'ann.peeters@EXAMPLE.be',
          mobile: '+32 470 12 34 56',
          language: 'nl_BE',
          address: { line: 'Kerkstraat 1', zip: '9000', city: 'Gent', country: 'be' },
        }),
        initialState,
        ctx,
      );
      expect(events).toEqual([
        {
          type: 'PersonCustomerCreated',
          data: {
            customerId: CUSTOMER_ID,
            customerNumber: 'C-001',
            firstName: 'Ann',
            lastName: 'Peeters',
            email: 'ann.peeters@example.be',
            mobile: '+32470123456',
            language: 'nl',
            address: 'Kerkstraat 1',
            zip: '9000',
            city: 'Gent',
            country: 'BE',
            createdAt: '2026-11-25T10:00:00.000Z',
          },
        },
      ]);
    });

    it('needs no more than a customer number; the language defaults to en', () => {
      const [event] = whenCreated({ customerNumber: 'C-001' });
      expect(event.data).toEqual({
        customerId: CUSTOMER_ID,
        customerNumber: 'C-001',
        firstName: null,
        lastName: null,
        email: null,
        mobile: null,
        language: 'en',
        address: null,
        zip: null,
        city: null,
        country: null,
        createdAt: '2026-11-25T10:00:00.000Z',
      });
    });

    it('needs no customer number when both names are given', () => {
      const [event] = whenCreated({ firstName: 'Ann', lastName: 'Peeters' });
      expect(event).toMatchObject({ type: 'PersonCustomerCreated', data: { customerNumber: null, firstName: 'Ann', lastName: 'Peeters' } });
    });

    it('evolves into an active person', () => {
      const [event] = whenCreated({ firstName: 'Ann', lastName: 'Peeters' });
      expect(evolve(initialState, event)).toMatchObject({ kind: 'person', status: 'active', customerId: CUSTOMER_ID, firstName: 'Ann' });
    });

    it('rejects a person with neither a customer number nor both names', () => {
      expect(fieldErrorsOf(() => whenCreated({}))).toEqual([
        { field: 'firstName', code: 'REQUIRED' },
        { field: 'lastName', code: 'REQUIRED' },
      ]);
      expect(fieldErrorsOf(() => whenCreated({ firstName: 'Ann', customerNumber: '  ' }))).toEqual([
        { field: 'lastName', code: 'REQUIRED' },
      ]);
    });

    it('reports a given but invalid name as invalid, not also as missing', () => {
      expect(fieldErrorsOf(() => whenCreated({ firstName: 'x'.repeat(141), lastName: 'Peeters' }))).toEqual([
        { field: 'firstName', code: 'TOO_LONG' },
      ]);
    });

    it('rejects with every bad field at once, as a 400 CUSTOMER.VALIDATION_FAILED', () => {
      const error = rejectionOf(() =>
        decideCreatePersonCustomer(
          create({
            customerNumber: 'x'.repeat(36),
            lastName: 'Peeters',
            email: 'ann@',
            mobile: '0470123456',
            language: 'pl',
            address: { line: 'x'.repeat(71), country: 'Belgium' },
          }),
          initialState,
          ctx,
        ),
      );
      expect(error).toBeInstanceOf(CustomerValidationFailedError);
      expect(error).toMatchObject({ code: 'CUSTOMER.VALIDATION_FAILED', status: 400 });
      expect((error as CustomerValidationFailedError).errors.map((e) => [e.field, e.code])).toEqual([
        ['address', 'TOO_LONG'],
        ['country', 'INVALID_FORMAT'],
        ['customerNumber', 'TOO_LONG'],
        ['email', 'INVALID_FORMAT'],
        ['mobile', 'INVALID_FORMAT'],
        ['language', 'UNSUPPORTED_LANGUAGE'],
      ]);
    });
  });

  describe.each([
    ['a person', [personCreated()]],
    ['an archived customer', [personCreated(), archived()]],
    ['a forgotten customer', [personCreated(), forgotten()]],
  ])('given %s with this id', (_label, history) => {
    it('rejects the create as CUSTOMER.ALREADY_EXISTS (409)', () => {
      const error = rejectionOf(() => decideCreatePersonCustomer(create({ customerNumber: 'C-002' }), given(...history), ctx));
      expect(error).toBeInstanceOf(CustomerAlreadyExistsError);
      expect(error).toMatchObject({ code: 'CUSTOMER.ALREADY_EXISTS', status: 409, details: { customerId: CUSTOMER_ID } });
    });
  });
});
