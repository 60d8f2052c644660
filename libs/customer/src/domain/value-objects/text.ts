import { type CustomerField, fail, ok, type ParseResult } from './field-error';

/** True for `undefined`, `null` and strings of only white space: all mean "no value". */
export const isBlank = (raw: string | null | undefined): raw is null | undefined | '' =>
  raw === undefined || raw === null || raw.trim() === '';

// Control characters (line breaks, tabs, NUL) break the fixed-width mandate feed and CSV exports.
const CONTROL_CHARACTER = /\p{Cc}/u;

/**
 * Trimmed, NFC-normalised text of 1..maxLength characters. Length counts code
 * points, as the feed's limits are in characters, not UTF-16 units.
 */
export function parseBoundedText(field: CustomerField, raw: string, maxLength: number, label: string): ParseResult<string> {
  const value = raw.normalize('NFC').trim();
  if (value === '') return fail(field, 'REQUIRED', `${label} is empty`);
  if (CONTROL_CHARACTER.test(value)) return fail(field, 'INVALID_FORMAT', `${label} contains control characters`);
  if ([...value].length > maxLength) return fail(field, 'TOO_LONG', `${label} is longer than ${maxLength} characters`);
  return ok(value);
}
