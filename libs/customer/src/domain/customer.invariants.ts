import { CustomerValidationFailedError } from './customer.errors';
import type { CommonCustomerFields } from './customer.fields';
import {
  type CustomerFieldsInput,
  type CustomerFieldsParseResult,
  type CustomerFieldsPatch,
  type FieldError,
  isBlank,
} from './value-objects';

type Identity = Pick<CommonCustomerFields, 'customerNumber' | 'firstName' | 'lastName'>;

/**
 * Which identifying fields a customer has once `input` is applied to `current`.
 * Works on raw input: a given but invalid value counts as present, so it is
 * reported once, as invalid, and not again as missing.
 */
export function identityAfter(input: Pick<CustomerFieldsInput, keyof Identity>, current: Identity): Identity {
  const after = (field: keyof Identity): string | null => {
    const raw = input[field];
    if (raw === undefined) return current[field];
    return isBlank(raw) ? null : raw;
  };
  return { customerNumber: after('customerNumber'), firstName: after('firstName'), lastName: after('lastName') };
}

/**
 * A person is identified by a customer number or by both names. Reported on
 * the missing names: filling them is the usual fix.
 */
export function personIdentityErrors(identity: Identity): FieldError[] {
  if (identity.customerNumber !== null) return [];
  const message = 'A person needs both a first and a last name, or a customer number';
  return (['firstName', 'lastName'] as const)
    .filter((field) => identity[field] === null)
    .map((field) => ({ field, code: 'REQUIRED', message }));
}

/** Enterprise and VAT numbers belong to companies; on a person they may only be left empty. */
export function companyOnlyErrors(input: Pick<CustomerFieldsInput, 'enterpriseNumber' | 'vatNumber'>): FieldError[] {
  return (['enterpriseNumber', 'vatNumber'] as const)
    .filter((field) => !isBlank(input[field]))
    .map((field) => ({
      field,
      code: 'COMPANY_ONLY',
      message: `Only a company has ${field === 'vatNumber' ? 'a VAT' : 'an enterprise'} number`,
    }));
}

/**
 * The parsed fields, or a `CustomerValidationFailedError` listing every problem.
 * A rule's error on a field replaces that field's parse error: "only companies
 * have one" says more than "badly formatted".
 */
export function validated(parsed: CustomerFieldsParseResult, ruleErrors: readonly FieldError[] = []): CustomerFieldsPatch {
  const ruled = new Set(ruleErrors.map((error) => error.field));
  const parseErrors = parsed.ok ? [] : parsed.errors.filter((error) => !ruled.has(error.field));
  const errors = [...parseErrors, ...ruleErrors];
  if (errors.length > 0 || !parsed.ok) throw new CustomerValidationFailedError(errors);
  return parsed.value;
}
