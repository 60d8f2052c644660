import type { ParseResult } from './field-error';
import { parseBoundedText } from './text';

/** The mandate feed's limit, in characters. */
export const CUSTOMER_NUMBER_MAX_LENGTH = 35;

/** The customer's business key: trimmed, 1..35 characters, unique per organization (checked outside the domain). */
export const parseCustomerNumber = (raw: string): ParseResult<string> =>
  parseBoundedText('customerNumber', raw, CUSTOMER_NUMBER_MAX_LENGTH, 'Customer number');
