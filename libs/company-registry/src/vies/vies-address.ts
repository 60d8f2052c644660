import { type CompanyAddress, NO_ADDRESS } from '../domain/company-record';
import type { RegistryCountry } from '../domain/registry-number';

/** The last line of an address: postcode then city (`1000 BRUXELLES`, `1012 AB AMSTERDAM`). */
const POSTCODE_LINE: Readonly<Record<RegistryCountry, RegExp>> = {
  BE: /^(\d{4})\s+(.+)$/,
  NL: /^(\d{4}\s?[A-Z]{2})\s+(.+)$/,
};

/**
 * Splits VIES's multi-line address (`"RUE ROYALE 10\n1000 BRUXELLES"`): the
 * last line gives zip and city when it has the country's postcode shape, the
 * other lines joined with ", " are the address. When the last line has no
 * postcode, everything stays in the address rather than guessing.
 */
export function parseViesAddress(country: RegistryCountry, text: string | null): CompanyAddress {
  const lines = (text ?? '')
    .split(/\r?\n/)
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter((line) => line !== '' && line !== '---');
  if (lines.length === 0) return NO_ADDRESS;
  const match = POSTCODE_LINE[country].exec(lines[lines.length - 1]);
  if (!match) return { address: lines.join(', '), zip: null, city: null };
  const street = lines.slice(0, -1);
  return { address: street.length > 0 ? street.join(', ') : null, zip: match[1], city: match[2] };
}
