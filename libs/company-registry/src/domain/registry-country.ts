import type { RegistryCountry } from './registry-number';

/**
 * Which country's registry a company number belongs to: the company's own
 * country when it is BE or NL; without a country, the number's shape (a `BE`
 * or `NL` prefix, 8 digits for a KvK number, 9 or 10 digits for a Belgian
 * enterprise number). Null when no registry applies.
 */
export function registryCountryOf(number: string, country: string | null | undefined): RegistryCountry | null {
  const given = country?.trim().toUpperCase();
  if (given === 'BE' || given === 'NL') return given;
  if (given) return null;
  const compact = number.toUpperCase().replace(/[^0-9A-Z]/g, '');
  if (compact.startsWith('BE')) return 'BE';
  if (compact.startsWith('NL')) return 'NL';
  if (/^\d{8}$/.test(compact)) return 'NL';
  if (/^\d{9,10}$/.test(compact)) return 'BE';
  return null;
}
