import {
  applyCommonPatch,
  COMMON_FIELD_NAMES,
  COMPANY_FIELD_NAMES,
  type CompanyFields,
  companyOnlyErrors,
  type CustomerDetailChanges,
  type CustomerEvent,
  type CustomerFieldsInput,
  type CustomerState,
  type DecideContext,
  diffFields,
  type ExistingCustomer,
  identityAfter,
  isBlank,
  isEmptyChange,
  parseCustomerFields,
  personIdentityErrors,
  pickCommonFields,
  requireActive,
  validated,
} from '../../domain';
import type { ChangeCustomerDetails } from './change-customer-details.command';

/** The customer number changes only through ChangeCustomerNumber, as an event of its own. */
const DETAIL_FIELD_NAMES = COMMON_FIELD_NAMES.filter(
  (field): field is Exclude<typeof field, 'customerNumber'> => field !== 'customerNumber',
);

/**
 * Records only the fields that differ; nothing differing records nothing. Events
 * are ordered so that every intermediate state is a valid customer: a person
 * becomes a company before company fields are set; a company's shared fields
 * change before it becomes a person (which clears its company-only fields).
 */
export function decideChangeCustomerDetails(command: ChangeCustomerDetails, state: CustomerState, _ctx: DecideContext): CustomerEvent[] {
  const customer = requireActive(state, command.customerId);
  // Never take a customer number from here, even if an untyped caller sent one.
  const input: CustomerFieldsInput = { ...command, customerNumber: undefined };
  const givesCompanyName = input.companyName !== undefined && !isBlank(input.companyName);
  const clearsCompanyName = input.companyName !== undefined && isBlank(input.companyName);
  const endsAsPerson = customer.kind === 'person' ? !givesCompanyName : clearsCompanyName;

  const ruleErrors = endsAsPerson ? [...personIdentityErrors(identityAfter(input, customer)), ...companyOnlyErrors(input)] : [];
  const patch = validated(parseCustomerFields(input, customer.country), ruleErrors);

  const before = pickCommonFields(customer);
  const sharedChanges = diffFields(before, applyCommonPatch(before, patch), DETAIL_FIELD_NAMES);
  if (endsAsPerson) {
    const events: CustomerEvent[] = [];
    if (!isEmptyChange(sharedChanges)) events.push(detailsChanged(customer, sharedChanges));
    if (customer.kind === 'company') {
      const { companyName, enterpriseNumber, vatNumber } = customer;
      events.push({ type: 'CompanyBecamePerson', data: { customerId: customer.customerId, companyName, enterpriseNumber, vatNumber } });
    }
    return events;
  }

  // Ends as a company: the company name is given (person) or kept/renamed (company).
  const companyBefore: CompanyFields =
    customer.kind === 'company'
      ? { companyName: customer.companyName, enterpriseNumber: customer.enterpriseNumber, vatNumber: customer.vatNumber }
      : { companyName: patch.companyName as string, enterpriseNumber: null, vatNumber: null };
  const companyAfter: CompanyFields = {
    companyName: patch.companyName ?? companyBefore.companyName,
    enterpriseNumber: patch.enterpriseNumber === undefined ? companyBefore.enterpriseNumber : patch.enterpriseNumber,
    vatNumber: patch.vatNumber === undefined ? companyBefore.vatNumber : patch.vatNumber,
  };
  const changes = { ...sharedChanges, ...diffFields(companyBefore, companyAfter, COMPANY_FIELD_NAMES) };
  const events: CustomerEvent[] = [];
  if (customer.kind === 'person') {
    events.push({ type: 'PersonBecameCompany', data: { customerId: customer.customerId, companyName: companyAfter.companyName } });
  }
  if (!isEmptyChange(changes)) events.push(detailsChanged(customer, changes));
  return events;
}

const detailsChanged = (customer: ExistingCustomer, changes: CustomerDetailChanges): CustomerEvent => ({
  type: 'CustomerDetailsChanged',
  data: { customerId: customer.customerId, ...changes },
});
