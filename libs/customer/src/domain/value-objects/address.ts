import { type CountryCode, parseCountry } from './country';
import type { FieldError, ParseResult } from './field-error';
import { isBlank, parseBoundedText } from './text';

/** Limits of the SEPA mandate feed, in characters. */
export const ADDRESS_LINE_MAX_LENGTH = 70;
export const ZIP_MAX_LENGTH = 16;
export const CITY_MAX_LENGTH = 35;

/**
 * A postal address. Its parts change together: a new address replaces the old
 * one whole, so a street is never paired with another address's city.
 */
export interface Address {
  /** Street and number (the `address` field on the wire). */
  readonly line: string | null;
  readonly zip: string | null;
  readonly city: string | null;
  readonly country: CountryCode | null;
}

/** Raw address parts; blank or missing parts are empty in the resulting address. */
export interface AddressInput {
  readonly line?: string | null;
  readonly zip?: string | null;
  readonly city?: string | null;
  readonly country?: string | null;
}

/** The address as flat fields, the shape of state and events (`address` is the street line). */
export interface AddressFields {
  readonly address: string | null;
  readonly zip: string | null;
  readonly city: string | null;
  readonly country: CountryCode | null;
}

/** The flat fields of a customer without an address. */
export const NO_ADDRESS: AddressFields = { address: null, zip: null, city: null, country: null };

/** A parsed address (`null`: none given), or every bad part. */
export type AddressParseResult =
  | { readonly ok: true; readonly value: Address | null }
  | { readonly ok: false; readonly errors: FieldError[] };

/** Parses every part and reports every bad one; an address with no parts at all is no address (`null`). */
export function parseAddress(input: AddressInput): AddressParseResult {
  const parts = {
    line: optional(input.line, (raw) => parseBoundedText('address', raw, ADDRESS_LINE_MAX_LENGTH, 'Address')),
    zip: optional(input.zip, (raw) => parseBoundedText('zip', raw, ZIP_MAX_LENGTH, 'Zip')),
    city: optional(input.city, (raw) => parseBoundedText('city', raw, CITY_MAX_LENGTH, 'City')),
    country: optional(input.country, parseCountry),
  };
  const errors = Object.values(parts).flatMap((part) => (part.ok ? [] : [part.error]));
  if (errors.length > 0) return { ok: false, errors };
  const value = {
    line: valueOf(parts.line),
    zip: valueOf(parts.zip),
    city: valueOf(parts.city),
    country: valueOf(parts.country),
  };
  return { ok: true, value: Object.values(value).every((part) => part === null) ? null : value };
}

/** An address as the flat fields of state and events. */
export const toAddressFields = (address: Address | null): AddressFields =>
  address === null ? NO_ADDRESS : { address: address.line, zip: address.zip, city: address.city, country: address.country };

/** True when any part of the address is filled. */
export const hasAddress = (fields: AddressFields): boolean =>
  fields.address !== null || fields.zip !== null || fields.city !== null || fields.country !== null;

function optional<T>(raw: string | null | undefined, parse: (raw: string) => ParseResult<T>): ParseResult<T | null> {
  return isBlank(raw) ? { ok: true, value: null } : parse(raw);
}

const valueOf = <T>(result: ParseResult<T | null>): T | null => (result.ok ? result.value : null);
