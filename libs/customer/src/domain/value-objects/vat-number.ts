import { hasBelgianShape, hasDutchVatShape, hasValidBelgianCheckDigits, hasValidDutchVatCheckDigits, withLeadingZero } from '@cm/shared-kernel';
import { type CountryCode, isCountryCode } from './country';
import { fail, ok, type ParseResult } from './field-error';

/** VAT prefixes that are not ISO country codes: Greece uses EL, Northern Ireland XI. */
const NON_ISO_VAT_PREFIXES: ReadonlySet<string> = new Set(['EL', 'XI']);

/** Greece's ISO code is GR but its VAT prefix is EL. */
const vatPrefixOf = (country: string): string => (country === 'GR' ? 'EL' : country);

/**
 * A VAT number, normalised to its country prefix followed by digits and letters
 * (`be 0403.019.261` -> `BE0403019261`). Without a prefix, the customer's
 * country supplies it. Belgian and Dutch numbers are checked in full, as their
 * registries are the ones this product looks up; others are checked for shape only.
 */
export function parseVatNumber(raw: string, country: CountryCode | null): ParseResult<string> {
  const normalised = raw.toUpperCase().replace(/[^0-9A-Z]/g, '');
  const prefixed = /^[A-Z]{2}/.test(normalised);
  if (!prefixed && country === null) {
    return fail('vatNumber', 'INVALID_FORMAT', 'VAT number needs a country prefix, e.g. BE0403019261');
  }
  const prefix = vatPrefixOf(prefixed ? normalised.slice(0, 2) : (country as string));
  const body = prefixed ? normalised.slice(2) : normalised;
  if (!isCountryCode(prefix) && !NON_ISO_VAT_PREFIXES.has(prefix)) {
    return fail('vatNumber', 'UNKNOWN_COUNTRY', `${prefix} is not a country prefix of a VAT number`);
  }
  if (!/^[0-9A-Z]{2,13}$/.test(body)) {
    return fail('vatNumber', 'INVALID_FORMAT', 'VAT number must have 2 to 13 digits or letters after the country prefix');
  }
  if (prefix === 'BE') return parseBelgianVat(body);
  if (prefix === 'NL') return parseDutchVat(body);
  return ok(prefix + body);
}

function parseBelgianVat(body: string): ParseResult<string> {
  const digits = withLeadingZero(body);
  if (!hasBelgianShape(digits)) {
    return fail('vatNumber', 'INVALID_FORMAT', 'A Belgian VAT number is BE followed by 10 digits starting with 0 or 1');
  }
  if (!hasValidBelgianCheckDigits(digits)) {
    return fail('vatNumber', 'INVALID_CHECK_DIGITS', `BE${digits} is not a valid Belgian VAT number (check digits)`);
  }
  return ok(`BE${digits}`);
}

function parseDutchVat(body: string): ParseResult<string> {
  if (!hasDutchVatShape(body)) {
    return fail('vatNumber', 'INVALID_FORMAT', 'A Dutch VAT number is NL, 9 digits, B and 2 digits (not 00)');
  }
  if (!hasValidDutchVatCheckDigits(body)) {
    return fail('vatNumber', 'INVALID_CHECK_DIGITS', `NL${body} is not a valid Dutch VAT number (check digits)`);
  }
  return ok(`NL${body}`);
}
