import { hasBelgianShape, hasValidBelgianCheckDigits, withLeadingZero } from '@cm/shared-kernel';
import type { CountryCode } from './country';
import { fail, ok, type ParseResult } from './field-error';

/** Room for any national register number once separators are gone. */
export const ENTERPRISE_NUMBER_MAX_LENGTH = 35;

/** Digits and letters only, upper case: `0403.019.261` -> `0403019261`. */
export const normaliseEnterpriseNumber = (raw: string): string => raw.toUpperCase().replace(/[^0-9A-Z]/g, '');

/**
 * A company's registry number, stored normalised. It is Belgian when it carries
 * a `BE` prefix or the customer's country is BE: then the prefix is dropped, a
 * 9-digit number gets its leading 0, and shape and check digits must hold.
 * Other countries' numbers are only normalised: their registries have no
 * check digit in common use (a Dutch KvK number has none).
 */
export function parseEnterpriseNumber(raw: string, country: CountryCode | null): ParseResult<string> {
  const normalised = normaliseEnterpriseNumber(raw);
  if (normalised === '') return fail('enterpriseNumber', 'INVALID_FORMAT', 'Enterprise number has no digits or letters');
  const hasBelgianPrefix = normalised.startsWith('BE');
  if (!hasBelgianPrefix && country !== 'BE') {
    if (normalised.length > ENTERPRISE_NUMBER_MAX_LENGTH) {
      return fail('enterpriseNumber', 'TOO_LONG', `Enterprise number is longer than ${ENTERPRISE_NUMBER_MAX_LENGTH} characters`);
    }
    return ok(normalised);
  }
  const digits = withLeadingZero(hasBelgianPrefix ? normalised.slice(2) : normalised);
  if (!hasBelgianShape(digits)) {
    return fail('enterpriseNumber', 'INVALID_FORMAT', 'A Belgian enterprise number has 10 digits and starts with 0 or 1');
  }
  if (!hasValidBelgianCheckDigits(digits)) {
    return fail('enterpriseNumber', 'INVALID_CHECK_DIGITS', `${digits} is not a valid Belgian enterprise number (check digits)`);
  }
  return ok(digits);
}
