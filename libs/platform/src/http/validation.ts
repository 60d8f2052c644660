import { ValidationPipe } from '@nestjs/common';
import type { ValidationError } from 'class-validator';
import { ProblemCodes, ProblemException } from './problem';

/** One bad input field. `field` is a dotted path (`address.city`, `emails.0`). */
export interface FieldError {
  readonly field: string;
  /** The rule that failed, e.g. `isEmail`, `isNotEmpty`, `unknownProperty`. */
  readonly code: string;
  readonly message: string;
}

/** class-validator names the forbidNonWhitelisted rule after the option; clients read this better. */
const CODE_ALIASES: Readonly<Record<string, string>> = { whitelistValidation: 'unknownProperty' };

/** Every failed rule of every field, nested ones included, in a flat list. Pure. */
export function flattenValidationErrors(errors: readonly ValidationError[], parent = ''): FieldError[] {
  const result: FieldError[] = [];
  for (const error of errors) {
    const field = [parent, error.property].filter((part) => part !== undefined && part !== '').join('.');
    for (const [code, message] of Object.entries(error.constraints ?? {})) {
      result.push({ field: field || '(body)', code: CODE_ALIASES[code] ?? code, message });
    }
    if (error.children?.length) result.push(...flattenValidationErrors(error.children, field));
  }
  return result;
}

/** The problem reporting every bad field at once. */
export function validationProblem(errors: readonly ValidationError[]): ProblemException {
  const fieldErrors = flattenValidationErrors(errors);
  const fields = [...new Set(fieldErrors.map((e) => e.field))];
  return new ProblemException({
    status: 400,
    code: ProblemCodes.VALIDATION_FAILED,
    title: 'Validation failed',
    detail: `The request has ${fieldErrors.length} invalid value(s): ${fields.join(', ')}`,
    extensions: { errors: fieldErrors },
  });
}

/** The API's input validation: unknown properties are errors, every bad field is reported. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => validationProblem(errors),
  });
}
