import { ISO_3166_ALPHA_2 } from './country-codes';
import { fail, ok, type ParseResult } from './field-error';

/** An ISO 3166-1 alpha-2 code, upper case (`BE`). */
export type CountryCode = string;

/** True for an officially assigned, upper-case ISO 3166-1 alpha-2 code. */
export const isCountryCode = (value: string): value is CountryCode => ISO_3166_ALPHA_2.has(value);

/** Accepts any case and surrounding spaces; only officially assigned codes pass. */
export function parseCountry(raw: string): ParseResult<CountryCode> {
  const value = raw.trim().toUpperCase();
  if (!/^[A-Z]{2}$/.test(value)) {
    return fail('country', 'INVALID_FORMAT', 'Country must be a two-letter ISO 3166-1 code, e.g. BE');
  }
  if (!isCountryCode(value)) return fail('country', 'UNKNOWN_COUNTRY', `${value} is not an ISO 3166-1 country code`);
  return ok(value);
}
