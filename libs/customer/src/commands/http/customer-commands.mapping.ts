import type { CustomerView } from '../../queries/customer.view';
import type { ChangeCustomerDetails } from '../change-customer-details/change-customer-details.command';
import type { ChangeCustomerNumber } from '../change-customer-number/change-customer-number.command';
import type { CreateCompanyCustomer } from '../create-company-customer/create-company-customer.command';
import type { CreatePersonCustomer } from '../create-person-customer/create-person-customer.command';
import { type CustomerCommand, decideCustomer } from '../customer.commands';
import {
  type AddressInput,
  companyOnlyErrors,
  type CountryCode,
  type CustomerState,
  CustomerValidationFailedError,
  evolve,
  type ExistingCustomer,
  type FieldError,
  initialState,
  isBlank,
  type Language,
} from '../../domain';
import type { CustomerFieldsBody, CustomerType } from './customer-fields.body';

/**
 * A body's customer fields under their canonical names, aliases resolved. A key
 * is present only when it was sent; `null` was sent as null. The four address
 * parts form one {@link AddressInput}, present when any part was sent.
 */
export interface WireFields {
  readonly type?: CustomerType;
  readonly customerNumber?: string | null;
  readonly firstName?: string | null;
  readonly lastName?: string | null;
  readonly companyName?: string | null;
  readonly enterpriseNumber?: string | null;
  readonly vatNumber?: string | null;
  readonly email?: string | null;
  readonly mobile?: string | null;
  readonly language?: string | null;
  readonly address?: AddressInput;
}

type DetailFields = Omit<WireFields, 'type' | 'customerNumber'>;

const DETAIL_KEYS = [
  'firstName',
  'lastName',
  'companyName',
  'enterpriseNumber',
  'vatNumber',
  'email',
  'mobile',
  'language',
  'address',
] as const satisfies readonly (keyof DetailFields)[];

/** The first of the spellings that was sent (the validation pipe made sure they agree). */
const first = <T>(...values: (T | undefined)[]): T | undefined => values.find((value) => value !== undefined);

/** Resolves the Twikey spellings and groups the address parts. */
export function wireFields(body: CustomerFieldsBody): WireFields {
  const addressSent = [body.address, body.zip, body.city, body.country].some((part) => part !== undefined);
  const fields: WireFields = {
    type: body.type ?? undefined,
    customerNumber: body.customerNumber,
    firstName: first(body.firstName, body.firstname),
    lastName: first(body.lastName, body.lastname),
    companyName: body.companyName,
    enterpriseNumber: first(body.enterpriseNumber, body.coc),
    vatNumber: first(body.vatNumber, body.vatno),
    email: body.email,
    mobile: body.mobile,
    language: first(body.language, body.lang, body.l),
    address: addressSent ? { line: body.address ?? null, zip: body.zip ?? null, city: body.city ?? null, country: body.country ?? null } : undefined,
  };
  return withoutMissing(fields);
}

/**
 * The create command for a body: a company when `type` says so or, without a
 * type, when a company name is given; a person otherwise. Every invalid field is
 * reported at once, company-only fields sent for a person included.
 * @throws CustomerValidationFailedError
 */
export function createCommand(fields: WireFields, customerId: string): CreatePersonCustomer | CreateCompanyCustomer {
  const common = {
    customerId,
    customerNumber: fields.customerNumber,
    firstName: fields.firstName,
    lastName: fields.lastName,
    email: fields.email,
    mobile: fields.mobile,
    language: fields.language,
    address: fields.address,
  };
  const isCompany = fields.type !== undefined ? fields.type === 'company' : !isBlank(fields.companyName);
  if (isCompany) {
    return withoutMissing({
      type: 'CreateCompanyCustomer',
      ...common,
      companyName: fields.companyName ?? '',
      enterpriseNumber: fields.enterpriseNumber,
      vatNumber: fields.vatNumber,
    });
  }
  const command: CreatePersonCustomer = withoutMissing({ type: 'CreatePersonCustomer', ...common });
  const personErrors = [...(isBlank(fields.companyName) ? [] : [PERSON_WITH_COMPANY_NAME]), ...companyOnlyErrors(fields)];
  if (personErrors.length > 0) assertValid([command], initialState, personErrors);
  return command;
}

/**
 * The commands that bring `customer` to the fields sent: ChangeCustomerDetails
 * for the details, ChangeCustomerNumber (its own audited event) for the number.
 * The number goes first, so that a taken number is refused before anything is
 * written; a number being cleared goes last, after any names that replace it.
 * `type` may turn a company into a person (its company name cleared) or ask for
 * a company (then a company name is needed).
 */
export function changeCommands(fields: WireFields, customer: CustomerView): { commands: CustomerCommand[]; errors: FieldError[] } {
  const errors: FieldError[] = [];
  let details: DetailFields = pickDetails(fields);
  if (fields.type === 'person') {
    if (!isBlank(fields.companyName)) errors.push(PERSON_WITH_COMPANY_NAME);
    else details = { ...details, companyName: null };
  } else if (fields.type === 'company') {
    const name = fields.companyName === undefined && customer.type === 'company' ? customer.companyName : fields.companyName;
    if (isBlank(name)) errors.push(COMPANY_NAME_REQUIRED);
  }

  const detailsCommand: ChangeCustomerDetails | undefined = DETAIL_KEYS.some((key) => details[key] !== undefined)
    ? { type: 'ChangeCustomerDetails', customerId: customer.id, ...details }
    : undefined;
  const numberCommand: ChangeCustomerNumber | undefined =
    fields.customerNumber === undefined ? undefined : { type: 'ChangeCustomerNumber', customerId: customer.id, customerNumber: fields.customerNumber };
  const ordered: (CustomerCommand | undefined)[] = isBlank(fields.customerNumber)
    ? [detailsCommand, numberCommand]
    : [numberCommand, detailsCommand];
  return { commands: ordered.filter((command): command is CustomerCommand => command !== undefined), errors };
}

/**
 * Decides the commands one after the other on `state` without writing anything,
 * so a request of several commands is refused whole when any of them is invalid.
 * Collects every field error of every command (with `extraErrors`, which win over
 * errors on the same field); other domain errors (archived, forgotten) are thrown as they come.
 * @throws CustomerValidationFailedError
 */
export function assertValid(commands: readonly CustomerCommand[], state: CustomerState, extraErrors: readonly FieldError[] = []): void {
  const found: FieldError[] = [];
  let current = state;
  for (const command of commands) {
    try {
      current = decideCustomer(command, current, { now: new Date() }).reduce(evolve, current);
    } catch (error) {
      if (!(error instanceof CustomerValidationFailedError)) throw error;
      found.push(...error.errors);
    }
  }
  const ruled = new Set(extraErrors.map((error) => error.field));
  const seen = new Set<string>();
  const errors = [...extraErrors, ...found.filter((error) => !ruled.has(error.field))].filter((error) => {
    const id = `${error.field}:${error.code}`;
    return seen.has(id) ? false : (seen.add(id), true);
  });
  if (errors.length > 0) throw new CustomerValidationFailedError(errors);
}

/** The decider's state of a customer as the read model shows it (the read model is written with each append). */
export function stateOfView(view: CustomerView): ExistingCustomer {
  const common = {
    customerId: view.id,
    status: view.status,
    customerNumber: view.customerNumber,
    firstName: view.firstName,
    lastName: view.lastName,
    email: view.email,
    mobile: view.mobile,
    language: view.language as Language,
    address: view.address,
    zip: view.zip,
    city: view.city,
    country: view.country as CountryCode | null,
  };
  return view.type === 'company'
    ? { ...common, kind: 'company', companyName: view.companyName ?? '', enterpriseNumber: view.enterpriseNumber, vatNumber: view.vatNumber }
    : { ...common, kind: 'person' };
}

const PERSON_WITH_COMPANY_NAME: FieldError = {
  field: 'companyName',
  code: 'COMPANY_ONLY',
  message: 'A person has no company name: leave type out, or set it to company',
};

const COMPANY_NAME_REQUIRED: FieldError = { field: 'companyName', code: 'REQUIRED', message: 'A company needs a company name' };

function pickDetails(fields: WireFields): DetailFields {
  const { type: _type, customerNumber: _number, ...details } = fields;
  return details;
}

/** Drops keys whose value is `undefined`, so a key's presence means "sent". */
function withoutMissing<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
