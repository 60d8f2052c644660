/**
 * A business rule was broken. `code` is stable (clients and the HTTP problem
 * mapping key on it); `status` is the HTTP status it maps to.
 */
export abstract class DomainError extends Error {
  abstract readonly code: string;
  abstract readonly status: number;
  /** Extra, machine-readable members for the problem document. */
  readonly details: Readonly<Record<string, unknown>>;

  constructor(message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = new.target.name;
    this.details = details;
  }
}
