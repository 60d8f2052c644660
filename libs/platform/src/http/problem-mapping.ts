import { HttpException } from '@nestjs/common';
import { DomainError } from '@cm/shared-kernel';
import { type ProblemDocument, type ProblemInit, ProblemCodes, ProblemException, problemType, statusTitle } from './problem';

/** What the filter sends for an exception. */
export interface ProblemResponse {
  readonly status: number;
  readonly body: ProblemDocument;
  readonly headers: Readonly<Record<string, string>>;
  /** True for errors nobody anticipated: logged with their stack, their message kept out of the response. */
  readonly unexpected: boolean;
}

/** Members a problem's extensions may not override. */
const RESERVED = new Set(['type', 'title', 'status', 'detail', 'instance', 'code']);
/** Members of Nest's default HttpException body that the problem document replaces. */
const NEST_DEFAULT_MEMBERS = new Set(['statusCode', 'message', 'error']);

/** Maps anything thrown while handling a request to a problem document. Pure. */
export function toProblem(exception: unknown, instance: string): ProblemResponse {
  if (exception instanceof ProblemException) return fromInit(exception.problem, instance);
  if (exception instanceof DomainError) return fromDomainError(exception, instance);
  if (exception instanceof HttpException) return fromHttpException(exception, instance);
  const bodyProblem = bodyParserProblem(exception);
  if (bodyProblem) return fromInit(bodyProblem.problem, instance);
  return {
    status: 500,
    body: {
      type: problemType(undefined),
      title: statusTitle(500),
      status: 500,
      detail: 'An unexpected error occurred.',
      instance,
    },
    headers: {},
    unexpected: true,
  };
}

/**
 * The problem for an error of Express's body parser (it sets `type` and `status`), or
 * undefined for any other error. Used before Nest turns such errors into bare 400s.
 */
export function bodyParserProblem(error: unknown): ProblemException | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { type, status, expose, message, limit } = error as {
    type?: unknown;
    status?: unknown;
    expose?: unknown;
    message?: unknown;
    limit?: unknown;
  };
  if (typeof type !== 'string' || typeof status !== 'number') return undefined;
  switch (type) {
    case 'entity.parse.failed':
      return new ProblemException({
        status: 400,
        code: ProblemCodes.MALFORMED_JSON,
        detail: `The request body is not valid JSON: ${String(message)}`,
      });
    case 'entity.too.large':
      return new ProblemException({
        status: 413,
        code: ProblemCodes.PAYLOAD_TOO_LARGE,
        detail: `The request body exceeds the limit of ${String(limit)} bytes.`,
        extensions: typeof limit === 'number' ? { limit } : {},
      });
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new ProblemException({ status: 415, code: ProblemCodes.UNSUPPORTED_MEDIA_TYPE, detail: String(message) });
    default:
      // Other client-side failures (aborted upload, size mismatch) say so in `expose`.
      return expose === true && status >= 400 && status < 500
        ? new ProblemException({ status, detail: String(message) })
        : undefined;
  }
}

function fromInit(init: ProblemInit, instance: string): ProblemResponse {
  const status = validStatus(init.status);
  const body: ProblemDocument = {
    ...withoutReserved(init.extensions ?? {}),
    type: problemType(init.code),
    title: init.title ?? statusTitle(status),
    status,
    detail: init.detail,
    instance,
    ...(init.code ? { code: init.code } : {}),
  };
  return { status, body, headers: withChallenge(status, init.headers ?? {}), unexpected: false };
}

function fromDomainError(error: DomainError, instance: string): ProblemResponse {
  const known = validStatus(error.status) === error.status;
  return fromInit(
    {
      status: known ? error.status : 500,
      code: error.code,
      title: titleFromName(error.name) ?? statusTitle(error.status),
      detail: error.message,
      extensions: error.details,
      headers: retryAfter(error),
    },
    instance,
  );
}

/** A 429 or 503 whose details carry `retryAfterSeconds` tells the client when to come back. */
function retryAfter(error: DomainError): Record<string, string> {
  const seconds = error.details.retryAfterSeconds;
  const retryable = error.status === 429 || error.status === 503;
  return retryable && typeof seconds === 'number' && seconds >= 0 ? { 'Retry-After': String(Math.ceil(seconds)) } : {};
}

function fromHttpException(exception: HttpException, instance: string): ProblemResponse {
  const status = validStatus(exception.getStatus());
  const response = exception.getResponse();
  let detail = exception.message;
  const extensions: Record<string, unknown> = {};
  if (typeof response === 'string') {
    detail = response;
  } else if (typeof response === 'object' && response !== null) {
    const { message } = response as { message?: unknown };
    if (typeof message === 'string') detail = message;
    else if (Array.isArray(message)) detail = message.map(String).join('; ');
    for (const [name, value] of Object.entries(response)) {
      if (!NEST_DEFAULT_MEMBERS.has(name)) extensions[name] = value;
    }
  }
  return fromInit({ status, detail, extensions }, instance);
}

/** `OrganizationNameTakenError` -> `Organization name taken`. */
function titleFromName(name: string): string | undefined {
  const words = name.replace(/Error$/, '').replace(/([a-z0-9])([A-Z])/g, '$1 $2').trim();
  if (!words) return undefined;
  return words.charAt(0).toUpperCase() + words.slice(1).toLowerCase();
}

function withoutReserved(extensions: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(extensions).filter(([name]) => !RESERVED.has(name)));
}

/** RFC 9110 requires a challenge on every 401. */
function withChallenge(status: number, headers: Readonly<Record<string, string>>): Readonly<Record<string, string>> {
  if (status !== 401) return headers;
  const present = Object.keys(headers).some((name) => name.toLowerCase() === 'www-authenticate');
  return present ? headers : { ...headers, 'WWW-Authenticate': 'Bearer' };
}

function validStatus(status: number): number {
  return Number.isInteger(status) && status >= 400 && status <= 599 ? status : 500;
}
