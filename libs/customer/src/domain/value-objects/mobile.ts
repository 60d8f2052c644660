import { fail, ok, type ParseResult } from './field-error';

/**
 * A mobile number in international format: `+`, then 8..15 digits, the first
 * not 0 (E.164 country codes start at 1). Spaces, dashes, dots and parentheses
 * are dropped; the `00` international call prefix counts as `+`. A national
 * number (`0470...`) is refused: its country would be a guess.
 */
export function parseMobile(raw: string): ParseResult<string> {
  const compact = raw.replace(/[\s\-.()]/g, '');
  if (compact === '') return fail('mobile', 'REQUIRED', 'Mobile number is empty');
  const international = compact.startsWith('00') ? `+${compact.slice(2)}` : compact;
  if (!/^\+[1-9]\d{7,14}$/.test(international)) {
    return fail('mobile', 'INVALID_FORMAT', 'Mobile number must be in international format: + and 8 to 15 digits, e.g. +32470123456');
  }
  return ok(international);
}
