import type { ParseResult } from './field-error';
import { parseBoundedText } from './text';

/** The mandate feed's limit for names (person and company), in characters. */
export const NAME_MAX_LENGTH = 140;

/** A first or last name: trimmed, 1..140 characters. */
export const parsePersonName = (field: 'firstName' | 'lastName', raw: string): ParseResult<string> =>
  parseBoundedText(field, raw, NAME_MAX_LENGTH, field === 'firstName' ? 'First name' : 'Last name');
