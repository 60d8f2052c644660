/**
 * Belgian enterprise numbers (KBO/BCE): 10 digits, the first 0 or 1, the last
 * two `97 - (first eight mod 97)`. Shared by the enterprise number and the
 * Belgian VAT number (`BE` + the same 10 digits).
 */

/** Lifts the older 9-digit form to 10 digits; anything else is returned unchanged. */
export const withLeadingZero = (digits: string): string => (/^\d{9}$/.test(digits) ? `0${digits}` : digits);

/** 10 digits, the first 0 or 1 (2-9 are establishment unit numbers). */
export const hasBelgianShape = (digits: string): boolean => /^[01]\d{9}$/.test(digits);

/** The check digits of a 10-digit number; a remainder of 0 gives 97, so `00` is never valid. */
export function hasValidBelgianCheckDigits(digits: string): boolean {
  const body = Number(digits.slice(0, 8));
  const check = Number(digits.slice(8));
  return check === 97 - (body % 97);
}
