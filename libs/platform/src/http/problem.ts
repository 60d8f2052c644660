import { HttpException } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';

/** The media type of every error response. */
export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** An RFC 9457 problem document. Extension members (`code`, `errors`, ...) sit next to the standard ones. */
export interface ProblemDocument {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail?: string;
  readonly instance?: string;
  readonly [extension: string]: unknown;
}

/** Stable codes of the problems the platform itself reports. */
export const ProblemCodes = {
  VALIDATION_FAILED: 'REQUEST.VALIDATION_FAILED',
  MALFORMED_JSON: 'REQUEST.MALFORMED_JSON',
  PAYLOAD_TOO_LARGE: 'REQUEST.PAYLOAD_TOO_LARGE',
  UNSUPPORTED_MEDIA_TYPE: 'REQUEST.UNSUPPORTED_MEDIA_TYPE',
  API_KEY_MISSING: 'AUTH.API_KEY_MISSING',
  API_KEY_INVALID: 'AUTH.API_KEY_INVALID',
  SERVICE_UNAVAILABLE: 'PLATFORM.SERVICE_UNAVAILABLE',
} as const;

export interface ProblemInit {
  readonly status: number;
  /** Stable, machine-readable; becomes the `code` member and the `urn:problem:<code>` type. */
  readonly code?: string;
  readonly title?: string;
  readonly detail: string;
  /** Extension members. */
  readonly extensions?: Readonly<Record<string, unknown>>;
  /** Response headers, e.g. `WWW-Authenticate`. */
  readonly headers?: Readonly<Record<string, string>>;
}

/** An HTTP error that already knows its problem document. */
export class ProblemException extends HttpException {
  constructor(readonly problem: ProblemInit) {
    super(problem.detail, problem.status);
  }
}

/** `urn:problem:<code>` for coded problems, `about:blank` (the status says it all) otherwise. */
export function problemType(code: string | undefined): string {
  return code ? `urn:problem:${code}` : 'about:blank';
}

/** The status phrase, which RFC 9457 asks for as the title of `about:blank` problems. */
export function statusTitle(status: number): string {
  return STATUS_CODES[status] ?? 'Error';
}
