import { hasBelgianShape, hasDutchVatShape, hasValidBelgianCheckDigits, hasValidDutchVatCheckDigits, withLeadingZero } from '@cm/shared-kernel';
import { InvalidRegistryNumberError } from './registry.errors';

/** The countries whose registries this context looks up. */
export const REGISTRY_COUNTRIES = ['BE', 'NL'] as const;
export type RegistryCountry = (typeof REGISTRY_COUNTRIES)[number];

/**
 * A number a registry can be asked about, normalised and checked:
 * - a Belgian enterprise number (its VAT number is `BE` + the same digits);
 * - a Dutch KvK number (8 digits, no check digit in use);
 * - a Dutch VAT number (only VIES knows those).
 */
export type RegistryNumber =
  | { readonly country: 'BE'; readonly kind: 'enterprise'; readonly enterpriseNumber: string; readonly vatNumber: string }
  | { readonly country: 'NL'; readonly kind: 'kvk'; readonly enterpriseNumber: string }
  | { readonly country: 'NL'; readonly kind: 'vat'; readonly vatNumber: string };

/** Strips everything but digits and letters, upper-cased: `be 0403.019.261` -> `BE0403019261`. */
const compact = (raw: string): string => raw.toUpperCase().replace(/[^0-9A-Z]/g, '');

/**
 * Parses what a user typed for a country. Throws {@link InvalidRegistryNumberError}
 * naming the number and the reason (`COUNTRY`, `LENGTH`, `FORMAT`, `CHECKSUM`).
 */
export function parseRegistryNumber(countryInput: string, raw: string): RegistryNumber {
  const country = countryInput.trim().toUpperCase();
  if (country === 'BE') return parseBelgian(raw);
  if (country === 'NL') return parseDutch(raw);
  throw new InvalidRegistryNumberError(raw, country, 'COUNTRY', `No registry for country "${countryInput}": only BE and NL are supported`);
}

function parseBelgian(raw: string): RegistryNumber {
  const normalised = compact(raw);
  if (/^[A-Z]{2}/.test(normalised) && !normalised.startsWith('BE')) {
    throw new InvalidRegistryNumberError(raw, 'BE', 'COUNTRY', `${raw} is not a Belgian number (prefix ${normalised.slice(0, 2)})`);
  }
  const digits = withLeadingZero(normalised.replace(/^BE/, ''));
  if (!/^\d+$/.test(digits)) throw new InvalidRegistryNumberError(raw, 'BE', 'FORMAT', 'A Belgian enterprise number has digits only');
  if (digits.length !== 10) {
    throw new InvalidRegistryNumberError(raw, 'BE', 'LENGTH', `A Belgian enterprise number has 10 digits (9 accepted), got ${digits.length}`);
  }
  if (!hasBelgianShape(digits)) {
    throw new InvalidRegistryNumberError(raw, 'BE', 'FORMAT', 'A Belgian enterprise number starts with 0 or 1 (2-8 are establishment units)');
  }
  if (!hasValidBelgianCheckDigits(digits)) {
    throw new InvalidRegistryNumberError(raw, 'BE', 'CHECKSUM', `${digits} is not a valid Belgian enterprise number: its check digits do not match`);
  }
  return { country: 'BE', kind: 'enterprise', enterpriseNumber: digits, vatNumber: `BE${digits}` };
}

function parseDutch(raw: string): RegistryNumber {
  const normalised = compact(raw);
  if (/^[A-Z]{2}/.test(normalised)) {
    if (!normalised.startsWith('NL')) {
      throw new InvalidRegistryNumberError(raw, 'NL', 'COUNTRY', `${raw} is not a Dutch number (prefix ${normalised.slice(0, 2)})`);
    }
    const body = normalised.slice(2);
    if (body.length !== 12) throw new InvalidRegistryNumberError(raw, 'NL', 'LENGTH', `A Dutch VAT number has 12 characters after NL, got ${body.length}`);
    if (!hasDutchVatShape(body)) throw new InvalidRegistryNumberError(raw, 'NL', 'FORMAT', 'A Dutch VAT number is NL, 9 digits, B and 2 digits (not 00)');
    if (!hasValidDutchVatCheckDigits(body)) {
      throw new InvalidRegistryNumberError(raw, 'NL', 'CHECKSUM', `NL${body} is not a valid Dutch VAT number: its check digits do not match`);
    }
    return { country: 'NL', kind: 'vat', vatNumber: `NL${body}` };
  }
  if (!/^\d+$/.test(normalised)) throw new InvalidRegistryNumberError(raw, 'NL', 'FORMAT', 'A KvK number has digits only');
  if (normalised.length !== 8) throw new InvalidRegistryNumberError(raw, 'NL', 'LENGTH', `A KvK number has 8 digits, got ${normalised.length}`);
  return { country: 'NL', kind: 'kvk', enterpriseNumber: normalised };
}

/** `0403019261` -> `0403.019.261`, as the KBO files write it. */
export const formatBelgianEnterpriseNumber = (digits: string): string => `${digits.slice(0, 4)}.${digits.slice(4, 7)}.${digits.slice(7)}`;

/** The number as the registry knows it: the enterprise or KvK number, else the VAT number. */
export const registryNumberText = (number: RegistryNumber): string => (number.kind === 'vat' ? number.vatNumber : number.enterpriseNumber);
