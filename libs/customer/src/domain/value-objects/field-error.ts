/** Customer fields by their wire names: validation problems point at them. */
export type CustomerField =
  | 'customerNumber'
  | 'firstName'
  | 'lastName'
  | 'companyName'
  | 'enterpriseNumber'
  | 'vatNumber'
  | 'email'
  | 'mobile'
  | 'language'
  | 'address'
  | 'zip'
  | 'city'
  | 'country'
  | 'source';

/** Stable codes of field problems; clients key on them, messages are for people. */
export type FieldErrorCode =
  | 'REQUIRED'
  | 'TOO_LONG'
  | 'INVALID_FORMAT'
  | 'INVALID_CHECK_DIGITS'
  | 'UNKNOWN_COUNTRY'
  | 'UNSUPPORTED_LANGUAGE'
  | 'COMPANY_ONLY';

/** One bad field. Parsers return these instead of throwing, so every bad field is reported at once. */
export interface FieldError {
  readonly field: CustomerField;
  readonly code: FieldErrorCode;
  readonly message: string;
}

/** The outcome of parsing one field. */
export type ParseResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: FieldError };

/** A parsed value. */
export const ok = <T>(value: T): ParseResult<T> => ({ ok: true, value });

/** A field's problem. */
export const fail = <T = never>(field: CustomerField, code: FieldErrorCode, message: string): ParseResult<T> => ({
  ok: false,
  error: { field, code, message },
});
