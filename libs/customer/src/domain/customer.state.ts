import { type CustomerDetailChanges, type CustomerEvent, PERSONAL_FIELD_NAMES } from './customer.events';
import { type CommonCustomerFields, type CompanyFields, pickCommonFields } from './customer.fields';

/** `forgotten` is final: the personal fields are erased and every command is refused. */
export type CustomerStatus = 'active' | 'archived' | 'forgotten';

interface CustomerBase extends CommonCustomerFields {
  readonly customerId: string;
  readonly status: CustomerStatus;
}

/** An individual. */
export interface PersonCustomer extends CustomerBase {
  readonly kind: 'person';
}

/** A customer with a company name. */
export interface CompanyCustomer extends CustomerBase, CompanyFields {
  readonly kind: 'company';
}

/** The stream has no events: nobody has created this customer. */
export interface NoCustomer {
  readonly kind: 'none';
}

/** A customer that was created (whatever its status since). */
export type ExistingCustomer = PersonCustomer | CompanyCustomer;

/** A customer as its events describe it, by kind, so company-only rules can take a `CompanyCustomer`. */
export type CustomerState = NoCustomer | ExistingCustomer;

/** The state of an empty stream. */
export const initialState: CustomerState = Object.freeze({ kind: 'none' });

/** Field names a change event may carry, in the order state (and the API) lists them. */
export const CHANGEABLE_FIELDS = [
  'firstName',
  'lastName',
  'companyName',
  'enterpriseNumber',
  'vatNumber',
  'email',
  'mobile',
  'language',
  'address',
  'zip',
  'city',
  'country',
] as const satisfies readonly (keyof CustomerDetailChanges)[];

const COMPANY_ONLY_FIELDS: ReadonlySet<string> = new Set(['companyName', 'enterpriseNumber', 'vatNumber']);

/**
 * The state after one more event. Pure, so replaying a stream rebuilds state
 * exactly. An event that cannot follow the state means a corrupt stream and
 * throws: a silently wrong customer would be worse.
 */
export function evolve(state: CustomerState, event: CustomerEvent): CustomerState {
  switch (event.type) {
    case 'PersonCustomerCreated':
      return { kind: 'person', customerId: event.data.customerId, status: 'active', ...pickCommonFields(event.data) };
    case 'CompanyCustomerCreated':
      return {
        kind: 'company',
        customerId: event.data.customerId,
        status: 'active',
        ...pickCommonFields(event.data),
        companyName: event.data.companyName,
        enterpriseNumber: event.data.enterpriseNumber,
        vatNumber: event.data.vatNumber,
      };
    case 'CustomerDetailsChanged':
      return applyChanges(existing(state, event), event.data, event.type);
    case 'CompanyEnriched':
      return applyChanges(company(state, event), event.data, event.type);
    case 'CompanyBecamePerson': {
      const { kind: _kind, companyName: _name, enterpriseNumber: _number, vatNumber: _vat, ...person } = company(state, event);
      return { ...person, kind: 'person' };
    }
    case 'PersonBecameCompany':
      return { ...person(state, event), kind: 'company', companyName: event.data.companyName, enterpriseNumber: null, vatNumber: null };
    case 'CustomerNumberChanged':
      return { ...existing(state, event), customerNumber: event.data.newCustomerNumber };
    case 'CustomerArchived':
      return { ...existing(state, event), status: 'archived' };
    case 'CustomerRestored':
      return { ...existing(state, event), status: 'active' };
    case 'CustomerForgotten': {
      // Erase exactly what the event store shreds, so live state equals a replay after forgetting.
      const erased = Object.fromEntries(PERSONAL_FIELD_NAMES.map((field) => [field, null]));
      return { ...existing(state, event), ...erased, status: 'forgotten' };
    }
    default: {
      const _never: never = event;
      throw new Error(`Unknown customer event ${(_never as { type: string }).type}`);
    }
  }
}

/** Folds a stream's events, oldest first. */
export const foldCustomer = (events: Iterable<CustomerEvent>, state: CustomerState = initialState): CustomerState => {
  let current = state;
  for (const event of events) current = evolve(current, event);
  return current;
};

function applyChanges(customer: ExistingCustomer, changes: CustomerDetailChanges, type: string): ExistingCustomer {
  const next: Record<string, unknown> = { ...customer };
  for (const field of CHANGEABLE_FIELDS) {
    if (!(field in changes) || changes[field] === undefined) continue;
    if (customer.kind === 'person' && COMPANY_ONLY_FIELDS.has(field)) {
      throw new Error(`${type} changes ${field} of person ${customer.customerId}`);
    }
    // A change read back as null was personal data of a forgotten customer.
    next[field] = changes[field]?.to ?? null;
  }
  return next as unknown as ExistingCustomer;
}

function existing(state: CustomerState, event: CustomerEvent): ExistingCustomer {
  if (state.kind === 'none') throw new Error(`${event.type} on customer ${event.data.customerId}, which was never created`);
  return state;
}

function company(state: CustomerState, event: CustomerEvent): CompanyCustomer {
  const customer = existing(state, event);
  if (customer.kind !== 'company') throw new Error(`${event.type} on person ${customer.customerId}`);
  return customer;
}

function person(state: CustomerState, event: CustomerEvent): PersonCustomer {
  const customer = existing(state, event);
  if (customer.kind !== 'person') throw new Error(`${event.type} on company ${customer.customerId}`);
  return customer;
}
