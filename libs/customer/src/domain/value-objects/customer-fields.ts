import { type Address, type AddressInput, parseAddress } from './address';
import { parseCompanyName } from './company-name';
import type { CountryCode } from './country';
import { parseCustomerNumber } from './customer-number';
import { parseEmail } from './email';
import { parseEnterpriseNumber } from './enterprise-number';
import type { FieldError, ParseResult } from './field-error';
import { type Language, parseLanguage } from './language';
import { parseMobile } from './mobile';
import { parsePersonName } from './person-name';
import { isBlank } from './text';
import { parseVatNumber } from './vat-number';

/**
 * Raw customer fields as a channel (HTTP, import, CRM) brings them. A missing
 * key means "not given"; `null` or a blank string means "empty".
 */
export interface CustomerFieldsInput {
  readonly customerNumber?: string | null;
  readonly firstName?: string | null;
  readonly lastName?: string | null;
  readonly companyName?: string | null;
  readonly enterpriseNumber?: string | null;
  readonly vatNumber?: string | null;
  readonly email?: string | null;
  readonly mobile?: string | null;
  readonly language?: string | null;
  /** The whole postal address: its parts are given, and change, together. */
  readonly address?: AddressInput | null;
}

/**
 * Parsed, normalised fields. A key is present only when the input had it;
 * `null` means empty. An empty language is the default language, never null.
 */
export interface CustomerFieldsPatch {
  readonly customerNumber?: string | null;
  readonly firstName?: string | null;
  readonly lastName?: string | null;
  readonly companyName?: string | null;
  readonly enterpriseNumber?: string | null;
  readonly vatNumber?: string | null;
  readonly email?: string | null;
  readonly mobile?: string | null;
  readonly language?: Language;
  readonly address?: Address | null;
}

/** Every given field parsed, or every problem found. */
export type CustomerFieldsParseResult =
  | { readonly ok: true; readonly value: CustomerFieldsPatch }
  | { readonly ok: false; readonly errors: FieldError[] };

/**
 * Parses every given field and reports every bad one at once. Enterprise and
 * VAT numbers are read in the light of a country: the given address's, else
 * `currentCountry` (the customer's country before the change).
 */
export function parseCustomerFields(input: CustomerFieldsInput, currentCountry: CountryCode | null = null): CustomerFieldsParseResult {
  const errors: FieldError[] = [];
  const collect = <T>(result: ParseResult<T>): T | undefined => {
    if (result.ok) return result.value;
    errors.push(result.error);
    return undefined;
  };
  const take = <T>(raw: string | null | undefined, parse: (raw: string) => ParseResult<T>): T | null | undefined =>
    raw === undefined ? undefined : isBlank(raw) ? null : collect(parse(raw));

  let address: Address | null | undefined;
  if (input.address === null) address = null;
  else if (input.address !== undefined) {
    const parsed = parseAddress(input.address);
    if (parsed.ok) address = parsed.value;
    else errors.push(...parsed.errors);
  }
  const country = input.address === undefined ? currentCountry : (address?.country ?? null);

  const patch: CustomerFieldsPatch = {
    customerNumber: take(input.customerNumber, parseCustomerNumber),
    firstName: take(input.firstName, (raw) => parsePersonName('firstName', raw)),
    lastName: take(input.lastName, (raw) => parsePersonName('lastName', raw)),
    companyName: take(input.companyName, parseCompanyName),
    enterpriseNumber: take(input.enterpriseNumber, (raw) => parseEnterpriseNumber(raw, country)),
    vatNumber: take(input.vatNumber, (raw) => parseVatNumber(raw, country)),
    email: take(input.email, parseEmail),
    mobile: take(input.mobile, parseMobile),
    language: input.language === undefined ? undefined : collect(parseLanguage(input.language)),
    address,
  };
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: withoutMissing(patch) };
}

/** Drops keys whose value is `undefined`, so `'key' in patch` means "given". */
const withoutMissing = <T extends object>(patch: T): T =>
  Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)) as T;
