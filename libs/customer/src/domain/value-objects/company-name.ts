import type { ParseResult } from './field-error';
import { NAME_MAX_LENGTH } from './person-name';
import { parseBoundedText } from './text';

/** A company's name: trimmed, 1..140 characters. Having one is what makes a customer a company. */
export const parseCompanyName = (raw: string): ParseResult<string> =>
  parseBoundedText('companyName', raw, NAME_MAX_LENGTH, 'Company name');
