import {
  type AddressFields,
  type CustomerFieldsPatch,
  DEFAULT_LANGUAGE,
  type Language,
  NO_ADDRESS,
  toAddressFields,
} from './value-objects';

/** What every customer has, person or company. `address` is the street line. */
export interface CommonCustomerFields extends AddressFields {
  readonly customerNumber: string | null;
  readonly firstName: string | null;
  readonly lastName: string | null;
  readonly email: string | null;
  readonly mobile: string | null;
  readonly language: Language;
}

/** What only a company has. A person's first and last name stay on a company as its contact person. */
export interface CompanyFields {
  readonly companyName: string;
  readonly enterpriseNumber: string | null;
  readonly vatNumber: string | null;
}

/** A field's value before and after a change. */
export interface FieldChange<T> {
  readonly from: T;
  readonly to: T;
}

/** The common fields, in the order events and state list them. */
export const COMMON_FIELD_NAMES = [
  'customerNumber',
  'firstName',
  'lastName',
  'email',
  'mobile',
  'language',
  'address',
  'zip',
  'city',
  'country',
] as const satisfies readonly (keyof CommonCustomerFields)[];

/** The company-only fields. */
export const COMPANY_FIELD_NAMES = ['companyName', 'enterpriseNumber', 'vatNumber'] as const satisfies readonly (keyof CompanyFields)[];

/** A customer nobody has told us anything about yet: the base a create patches. */
export const EMPTY_COMMON_FIELDS: CommonCustomerFields = {
  customerNumber: null,
  firstName: null,
  lastName: null,
  email: null,
  mobile: null,
  language: DEFAULT_LANGUAGE,
  ...NO_ADDRESS,
};

/** Exactly the common fields of `source` (which may carry more, e.g. an event's data). */
export const pickCommonFields = (source: CommonCustomerFields): CommonCustomerFields => ({
  customerNumber: source.customerNumber,
  firstName: source.firstName,
  lastName: source.lastName,
  email: source.email,
  mobile: source.mobile,
  language: source.language,
  address: source.address,
  zip: source.zip,
  city: source.city,
  country: source.country,
});

const patched = <T>(value: T | undefined, current: T): T => (value === undefined ? current : value);

/** The fields after a patch: given keys replace, missing keys keep; the address moves as one. */
export function applyCommonPatch(fields: CommonCustomerFields, patch: CustomerFieldsPatch): CommonCustomerFields {
  const address = patch.address === undefined ? fields : toAddressFields(patch.address);
  return {
    customerNumber: patched(patch.customerNumber, fields.customerNumber),
    firstName: patched(patch.firstName, fields.firstName),
    lastName: patched(patch.lastName, fields.lastName),
    email: patched(patch.email, fields.email),
    mobile: patched(patch.mobile, fields.mobile),
    language: patched(patch.language, fields.language),
    address: address.address,
    zip: address.zip,
    city: address.city,
    country: address.country,
  };
}

/** Per key in `keys`, `{from, to}` where `before` and `after` differ; equal keys are left out. */
export function diffFields<T extends object, K extends keyof T>(
  before: T,
  after: T,
  keys: readonly K[],
): { [P in K]?: FieldChange<T[P]> } {
  const changes: { [P in K]?: FieldChange<T[P]> } = {};
  for (const key of keys) {
    if (before[key] !== after[key]) changes[key] = { from: before[key], to: after[key] };
  }
  return changes;
}

/** True when a diff found nothing that differs. */
export const isEmptyChange = (changes: object): boolean => Object.keys(changes).length === 0;
