import { DomainError } from '@cm/shared-kernel';

/** Why a number was refused before any lookup. */
export type InvalidNumberReason = 'COUNTRY' | 'LENGTH' | 'FORMAT' | 'CHECKSUM';

/** The number cannot be a company number of that country: never looked up. */
export class InvalidRegistryNumberError extends DomainError {
  readonly code = 'REGISTRY.INVALID_NUMBER';
  readonly status = 400;

  constructor(number: string, country: string, reason: InvalidNumberReason, message: string) {
    super(message, { number, country, reason });
  }
}

/** Every source that was asked answered that it does not know the company. */
export class EnterpriseNotFoundError extends DomainError {
  readonly code = 'REGISTRY.ENTERPRISE_NOT_FOUND';
  readonly status = 404;

  constructor(country: string, number: string, sources: readonly string[]) {
    super(`No company ${number} in ${sources.join(', ') || 'any registry'} (${country})`, { country, number, sources });
  }
}

/**
 * No source could answer (down, rate limited, not configured). `retryAfterSeconds`
 * becomes the HTTP `Retry-After` header.
 */
export class RegistryUnavailableError extends DomainError {
  readonly code = 'REGISTRY.UNAVAILABLE';
  readonly status = 503;

  constructor(country: string, number: string, reasons: readonly string[], retryAfterSeconds: number) {
    super(`No registry could answer for ${number} (${country}) right now: ${reasons.join('; ')}`, {
      country,
      number,
      reasons,
      retryAfterSeconds,
    });
  }
}
