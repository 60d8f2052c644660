import { fail, ok, type ParseResult } from './field-error';

/** The longest address SMTP can carry (RFC 5321 path limit). */
export const EMAIL_MAX_LENGTH = 254;
const LOCAL_PART_MAX_LENGTH = 64;

// Dot-atom local part (RFC 5322) with international letters (RFC 6531); quoted local parts are refused.
const LOCAL_PART = /^[\p{L}\p{N}!#$%&'*+/=?^_`{|}~-]+(?:\.[\p{L}\p{N}!#$%&'*+/=?^_`{|}~-]+)*$/u;
// Host names of at least two labels; the last is letters (or punycode): mail to a bare IP is not a customer address.
const DOMAIN = /^(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?\.)+(?:\p{L}{2,63}|xn--[a-z0-9-]{1,59})$/u;

/**
 * An e-mail address: trimmed, at most 254 characters, the domain lower-cased
 * (domains are case-insensitive; the local part may not be, so it is kept).
 */
export function parseEmail(raw: string): ParseResult<string> {
  const value = raw.trim();
  if (value === '') return fail('email', 'REQUIRED', 'E-mail address is empty');
  if ([...value].length > EMAIL_MAX_LENGTH) {
    return fail('email', 'TOO_LONG', `E-mail address is longer than ${EMAIL_MAX_LENGTH} characters`);
  }
  const at = value.lastIndexOf('@');
  const local = value.slice(0, at);
  const domain = value.slice(at + 1).toLowerCase();
  if (at < 1 || [...local].length > LOCAL_PART_MAX_LENGTH || !LOCAL_PART.test(local) || !DOMAIN.test(domain)) {
    return fail('email', 'INVALID_FORMAT', `${value} is not a valid e-mail address`);
  }
  return ok(`${local}@${domain}`);
}
