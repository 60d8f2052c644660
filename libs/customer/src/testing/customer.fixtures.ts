/* Given/when/then building blocks for the customer specs. Pure data: no test framework here. */
import {
  type CompanyCustomerCreated,
  type CustomerEvent,
  type CustomerState,
  type DecideContext,
  type FieldError,
  foldCustomer,
  type PersonCustomerCreated,
} from '../domain';

export const CUSTOMER_ID = '5b0f3c1e-8a4d-4f2b-9e61-3c7d2a9b8e10';
export const NOW = new Date('2026-11-25T10:00:00.000Z');
export const ctx: DecideContext = { now: NOW };

const CREATED_AT = '2026-11-01T09:00:00.000Z';

/** A person with every field filled. */
export const personCreated = (data: Partial<PersonCustomerCreated['data']> = {}): PersonCustomerCreated => ({
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
    createdAt: CREATED_AT,
    ...data,
  },
});

/** A Belgian company with every field filled, a contact person included. */
export const companyCreated = (data: Partial<CompanyCustomerCreated['data']> = {}): CompanyCustomerCreated => ({
  type: 'CompanyCustomerCreated',
  data: {
    customerId: CUSTOMER_ID,
    customerNumber: 'C-100',
    firstName: 'Jan',
    lastName: 'Janssens',
    email: 'billing@acme.be',
    mobile: '+32475000000',
    language: 'fr',
    address: 'Rue Royale 10',
    zip: '1000',
    city: 'Bruxelles',
    country: 'BE',
    companyName: 'Acme NV',
    enterpriseNumber: '0403019261',
    vatNumber: 'BE0403019261',
    createdAt: CREATED_AT,
    ...data,
  },
});

export const archived = (): CustomerEvent => ({ type: 'CustomerArchived', data: { customerId: CUSTOMER_ID, archivedAt: CREATED_AT } });
export const restored = (): CustomerEvent => ({ type: 'CustomerRestored', data: { customerId: CUSTOMER_ID, restoredAt: CREATED_AT } });
export const forgotten = (): CustomerEvent => ({ type: 'CustomerForgotten', data: { customerId: CUSTOMER_ID, forgottenAt: CREATED_AT } });

/** The state after these past events. */
export const given = (...events: CustomerEvent[]): CustomerState => foldCustomer(events);

/** Runs `decide` and returns what it threw (fails loudly when it threw nothing). */
export function rejectionOf(decide: () => unknown): Error & { code?: string; details?: Readonly<Record<string, unknown>> } {
  try {
    decide();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the command to be rejected, but it was accepted');
}

/** The `{field, code}` pairs of a validation rejection, for compact expectations. */
export function fieldErrorsOf(decide: () => unknown): Array<Pick<FieldError, 'field' | 'code'>> {
  const error = rejectionOf(decide);
  if (error.code !== 'CUSTOMER.VALIDATION_FAILED') throw error;
  return (error.details?.errors as FieldError[]).map(({ field, code }) => ({ field, code }));
}
