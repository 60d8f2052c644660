/**
 * Check-digit rules of the Belgian and Dutch company numbers. Shared by the
 * customer context (which validates what users type) and the company registry
 * (which looks the numbers up), so both accept exactly the same numbers.
 */

/** Lifts the older 9-digit Belgian form to 10 digits; anything else is returned unchanged. */
export const withLeadingZero = (digits: string): string => (/^\d{9}$/.test(digits) ? `0${digits}` : digits);

/** 10 digits, the first 0 or 1 (2-9 are establishment unit numbers). */
export const hasBelgianShape = (digits: string): boolean => /^[01]\d{9}$/.test(digits);

/** The check digits of a 10-digit Belgian number: `97 - (first eight mod 97)`, so `00` is never valid. */
export function hasValidBelgianCheckDigits(digits: string): boolean {
  const body = Number(digits.slice(0, 8));
  const check = Number(digits.slice(8));
  return check === 97 - (body % 97);
}

/** `NL` + 9 digits + `B` + 2 digits, the suffix not `00` (the body, without `NL`). */
export const hasDutchVatShape = (body: string): boolean => /^\d{9}B\d{2}$/.test(body) && !body.endsWith('00');

/** A Dutch VAT body (9 digits, B, 2 digits) passes the old 11-proof or the mod 97-10 check. */
export const hasValidDutchVatCheckDigits = (body: string): boolean => passesElevenProof(body.slice(0, 9)) || passesMod97(`NL${body}`);

/** The pre-2020 rule: weights 9..2 on the first eight digits, minus the ninth, divisible by 11. */
function passesElevenProof(digits: string): boolean {
  const d = [...digits].map(Number);
  const weighted = d.slice(0, 8).reduce((sum, digit, i) => sum + (9 - i) * digit, 0);
  return (weighted - d[8]) % 11 === 0;
}

/** ISO 7064 mod 97-10 with letters A=10..Z=35 (numbers issued since 2020). */
function passesMod97(text: string): boolean {
  let remainder = 0;
  for (const char of text) {
    const value = /\d/.test(char) ? char : String(char.charCodeAt(0) - 55);
    for (const digit of value) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder === 1;
}
