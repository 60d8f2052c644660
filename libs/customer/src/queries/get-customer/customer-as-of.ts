/** A point in a customer's past: a version (1 = as created), or an instant. */
export type CustomerAsOf = { readonly version: number } | { readonly at: Date };

const VERSION = /^\d{1,15}$/;
/** ISO 8601 date and time with seconds optional and a zone required (Z or an offset). */
const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})$/i;

/**
 * Reads `?at=`: a whole number is a version, anything else must be an ISO 8601
 * date-time with a zone (`2026-11-25T10:00:00Z`, `...+01:00`; a time without a
 * zone would depend on the server's). A `+` that arrived as a space (an
 * unencoded `+` in a query string) is taken back. Undefined: not readable.
 */
export function parseAsOf(raw: string): CustomerAsOf | undefined {
  const text = raw.trim().replace(/ (\d{2}:?\d{2})$/, '+$1');
  if (VERSION.test(text)) return { version: Number(text) };
  const match = INSTANT.exec(text);
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second = '0'] = match;
  if (!validDate(Number(year), Number(month), Number(day)) || Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59) {
    return undefined;
  }
  const at = new Date(text.replace(',', '.'));
  return Number.isNaN(at.getTime()) ? undefined : { at };
}

function validDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}
