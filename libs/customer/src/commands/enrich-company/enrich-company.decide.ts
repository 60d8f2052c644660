import {
  type CompanyCustomer,
  type CustomerEvent,
  type CustomerState,
  CustomerValidationFailedError,
  type DecideContext,
  diffFields,
  type EnrichedFieldChanges,
  hasAddress,
  isBlank,
  isEmptyChange,
  parseBoundedText,
  parseCustomerFields,
  requireActive,
  requireCompany,
  toAddressFields,
} from '../../domain';
import type { CompanySuggestion, EnrichCompany } from './enrich-company.command';

/** Room for a registry or connector name. */
export const SOURCE_MAX_LENGTH = 64;

type EnrichableFields = { readonly [K in keyof Required<EnrichedFieldChanges>]: CompanyCustomer[K] };

const ENRICHABLE_FIELDS = ['companyName', 'vatNumber', 'address', 'zip', 'city', 'country'] as const;

/**
 * Fills empty fields (or, with `overwrite`, replaces them) from a registry
 * suggestion; records each field's old and new value; nothing changing records
 * nothing. A company always has a name, so the name changes only with
 * `overwrite`. The address counts as one field: it is filled only when the
 * company has no address at all, so a registry's zip never lands under the
 * user's street.
 */
export function decideEnrichCompany(command: EnrichCompany, state: CustomerState, _ctx: DecideContext): CustomerEvent[] {
  const company = requireCompany(requireActive(state, command.customerId));
  const { suggestion, overwrite } = command;
  const source = parseBoundedText('source', suggestion.source ?? '', SOURCE_MAX_LENGTH, 'Source');
  const parsed = parseSuggestion(suggestion, company);
  if (!source.ok || !parsed.ok) {
    throw new CustomerValidationFailedError([...(source.ok ? [] : [source.error]), ...(parsed.ok ? [] : parsed.errors)]);
  }
  const patch = parsed.value;

  const before: EnrichableFields = pickEnrichable(company);
  let after: EnrichableFields = before;
  if (patch.companyName != null && overwrite) after = { ...after, companyName: patch.companyName };
  if (patch.vatNumber != null && (before.vatNumber === null || overwrite)) after = { ...after, vatNumber: patch.vatNumber };
  if (patch.address != null && (!hasAddress(company) || overwrite)) after = { ...after, ...toAddressFields(patch.address) };

  const changes = diffFields(before, after, ENRICHABLE_FIELDS);
  if (isEmptyChange(changes)) return [];
  return [{ type: 'CompanyEnriched', data: { customerId: company.customerId, source: source.value, ...changes } }];
}

/** Blank suggested values are "no suggestion", never "clear". */
function parseSuggestion(suggestion: CompanySuggestion, company: CompanyCustomer) {
  const given = (raw: string | null | undefined) => (isBlank(raw) ? undefined : raw);
  const address = { line: suggestion.address, zip: suggestion.zip, city: suggestion.city, country: suggestion.country };
  const suggestsAddress = Object.values(address).some((part) => !isBlank(part));
  const input = {
    companyName: given(suggestion.companyName),
    vatNumber: given(suggestion.vatNumber),
    address: suggestsAddress ? address : undefined,
  };
  return parseCustomerFields(input, company.country);
}

const pickEnrichable = (company: CompanyCustomer): EnrichableFields => ({
  companyName: company.companyName,
  vatNumber: company.vatNumber,
  address: company.address,
  zip: company.zip,
  city: company.city,
  country: company.country,
});
