import type { CommonCustomerFields, CompanyFields, FieldChange } from './customer.fields';
import type { CountryCode, Language } from './value-objects';

/*
 * The customer's events. `type` strings are stable forever: a new shape is a
 * new schema version plus an upcaster. Data is flat so that personal fields are
 * top-level: the event store seals top-level fields per data subject, and once
 * the customer is forgotten they read back as `null` (hence `| null` on the
 * personal fields of the change events).
 */

/** A personal value as read back: `null` once the customer has been forgotten. */
type Erasable<T> = T | null;

/** Per field, its value before and after; only fields that differ are present. */
export interface CustomerDetailChanges {
  readonly firstName?: Erasable<FieldChange<string | null>>;
  readonly lastName?: Erasable<FieldChange<string | null>>;
  /** A company's new name. Clearing it is `CompanyBecamePerson`; setting it on a person is `PersonBecameCompany`. */
  readonly companyName?: FieldChange<string>;
  readonly enterpriseNumber?: FieldChange<string | null>;
  readonly vatNumber?: FieldChange<string | null>;
  readonly email?: Erasable<FieldChange<string | null>>;
  readonly mobile?: Erasable<FieldChange<string | null>>;
  readonly language?: FieldChange<Language>;
  /** The street line. The address parts change together; only the parts that differ are recorded. */
  readonly address?: Erasable<FieldChange<string | null>>;
  readonly zip?: Erasable<FieldChange<string | null>>;
  readonly city?: Erasable<FieldChange<string | null>>;
  readonly country?: FieldChange<CountryCode | null>;
}

/** The fields a registry suggestion can fill. */
export type EnrichedFieldChanges = Pick<CustomerDetailChanges, 'companyName' | 'vatNumber' | 'address' | 'zip' | 'city' | 'country'>;

/** A person became a customer. `createdAt` is an ISO 8601 instant (JSON has no dates). */
export interface PersonCustomerCreated {
  readonly type: 'PersonCustomerCreated';
  readonly data: CommonCustomerFields & { readonly customerId: string; readonly createdAt: string };
}

/** A company became a customer; first and last name, if any, are its contact person. */
export interface CompanyCustomerCreated {
  readonly type: 'CompanyCustomerCreated';
  readonly data: CommonCustomerFields & CompanyFields & { readonly customerId: string; readonly createdAt: string };
}

/** Some details changed (never the customer number, which has its own event). */
export interface CustomerDetailsChanged {
  readonly type: 'CustomerDetailsChanged';
  readonly data: CustomerDetailChanges & { readonly customerId: string };
}

/** The company name was cleared: the customer is a person now. Records what was cleared with it. */
export interface CompanyBecamePerson {
  readonly type: 'CompanyBecamePerson';
  readonly data: {
    readonly customerId: string;
    readonly companyName: string;
    /** Company-only fields do not survive on a person: their values before the change. */
    readonly enterpriseNumber: string | null;
    readonly vatNumber: string | null;
  };
}

/** A person got a company name: the customer is a company now, its names kept as contact person. */
export interface PersonBecameCompany {
  readonly type: 'PersonBecameCompany';
  readonly data: { readonly customerId: string; readonly companyName: string };
}

/** The deduplication key changed: systems keyed on the old number will no longer find the customer. */
export interface CustomerNumberChanged {
  readonly type: 'CustomerNumberChanged';
  readonly data: { readonly customerId: string; readonly oldCustomerNumber: string | null; readonly newCustomerNumber: string | null };
}

/** Kept with its history but closed to changes until restored. `archivedAt`: ISO 8601. */
export interface CustomerArchived {
  readonly type: 'CustomerArchived';
  readonly data: { readonly customerId: string; readonly archivedAt: string };
}

/** Back in use after being archived. `restoredAt`: ISO 8601. */
export interface CustomerRestored {
  readonly type: 'CustomerRestored';
  readonly data: { readonly customerId: string; readonly restoredAt: string };
}

/**
 * The customer's personal data is to be erased. The application deletes the
 * customer's data key with this event (crypto-shredding); the history stays.
 */
export interface CustomerForgotten {
  readonly type: 'CustomerForgotten';
  readonly data: { readonly customerId: string; readonly forgottenAt: string };
}

/** A registry suggestion (`source`, e.g. `kbo`, `vies`, `kvk`) filled or overwrote company fields. */
export interface CompanyEnriched {
  readonly type: 'CompanyEnriched';
  readonly data: EnrichedFieldChanges & { readonly customerId: string; readonly source: string };
}

/** Every event of a customer stream. */
export type CustomerEvent =
  | PersonCustomerCreated
  | CompanyCustomerCreated
  | CustomerDetailsChanged
  | CompanyBecamePerson
  | PersonBecameCompany
  | CustomerNumberChanged
  | CustomerArchived
  | CustomerRestored
  | CustomerForgotten
  | CompanyEnriched;

/** The stable `type` strings. */
export type CustomerEventType = CustomerEvent['type'];

/** The data shape of one event type. */
export type CustomerEventData<T extends CustomerEventType> = Extract<CustomerEvent, { type: T }>['data'];

/** Stream category of customer streams in the event store. */
export const CUSTOMER_STREAM_TYPE = 'customer';

/**
 * Personal data of a customer: names, e-mail, mobile and the address line, zip
 * and city. Not personal: company name, enterprise and VAT number, customer
 * number, language, country (alone it identifies no one).
 */
export const PERSONAL_FIELD_NAMES = ['firstName', 'lastName', 'email', 'mobile', 'address', 'zip', 'city'] as const;

/** Per event type, the data fields that are personal data of the customer (the data subject). */
export const PERSONAL_FIELDS = {
  PersonCustomerCreated: PERSONAL_FIELD_NAMES,
  CompanyCustomerCreated: PERSONAL_FIELD_NAMES,
  CustomerDetailsChanged: PERSONAL_FIELD_NAMES,
  CompanyBecamePerson: [],
  PersonBecameCompany: [],
  CustomerNumberChanged: [],
  CustomerArchived: [],
  CustomerRestored: [],
  CustomerForgotten: [],
  CompanyEnriched: ['address', 'zip', 'city'],
} as const satisfies { readonly [T in CustomerEventType]: readonly (keyof CustomerEventData<T>)[] };

/**
 * The personal fields this event actually carries (set and not null), for the
 * event store's `personal: { subject: customerId, fields }`. Empty: nothing to seal.
 */
export function personalFieldsOf(event: CustomerEvent): string[] {
  const data = event.data as Readonly<Record<string, unknown>>;
  return (PERSONAL_FIELDS[event.type] as readonly string[]).filter((field) => data[field] !== undefined && data[field] !== null);
}
