import type { CompanyRecord } from '@cm/company-registry';
import { type AddressInput, CustomerValidationFailedError, isBlank } from '../../domain';
import type { WireFields } from '../http/customer-commands.mapping';

/**
 * The enterprise number a prefill looks up. Prefill is for companies: a person,
 * or a request without an enterprise number, is refused before any lookup.
 */
export function prefillNumber(fields: WireFields): string {
  if (fields.type === 'person') {
    throw new CustomerValidationFailedError([
      { field: 'enterpriseNumber', code: 'COMPANY_ONLY', message: 'prefill fills company fields: a person has none' },
    ]);
  }
  if (isBlank(fields.enterpriseNumber)) {
    throw new CustomerValidationFailedError([
      { field: 'enterpriseNumber', code: 'REQUIRED', message: 'prefill needs the enterpriseNumber to look up' },
    ]);
  }
  return fields.enterpriseNumber as string;
}

/**
 * Fills a create request's missing company fields from a registry record; what
 * the caller sent wins, field by field. The address is one value: the
 * registry's street, zip and city come only when the caller sent none of them
 * (so a registry zip never lands under the caller's street); a missing country
 * is taken from the registry either way.
 */
export function prefillCompany(fields: WireFields, company: CompanyRecord): WireFields {
  const fill = (sent: string | null | undefined, found: string | null) => (isBlank(sent) ? found : sent);
  const sent: AddressInput = fields.address ?? {};
  const sentStreet = [sent.line, sent.zip, sent.city].some((part) => !isBlank(part));
  const foundStreet = [company.address, company.zip, company.city].some((part) => part !== null);
  const address: AddressInput = sentStreet || !foundStreet
    ? { ...sent, country: fill(sent.country, company.country) }
    : { line: company.address, zip: company.zip, city: company.city, country: fill(sent.country, company.country) };
  return {
    ...fields,
    type: 'company',
    companyName: fill(fields.companyName, company.companyName),
    vatNumber: fill(fields.vatNumber, company.vatNumber),
    address,
  };
}
