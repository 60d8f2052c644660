import { type HttpRequest, type HttpResponse, type NextFunction, isApiPath, requestPath } from './http-types';
import { ProblemCodes, ProblemException } from './problem';
import { bodyParserProblem } from './problem-mapping';

/** The largest request body accepted: 1 MiB. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** Media types parsed as JSON. */
export const JSON_MEDIA_TYPES = ['application/json', 'application/*+json'];

const METHODS_WITH_BODY = new Set(['POST', 'PUT', 'PATCH']);

/** True for `application/json` and `application/<x>+json`, parameters (charset) ignored. */
export function isJsonMediaType(contentType: string | undefined): boolean {
  if (!contentType) return false;
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  return type === 'application/json' || /^application\/[a-z0-9.!#$&^_-]+\+json$/.test(type);
}

/** A request has a body when it announces bytes or streams them; `Content-Length: 0` is no body. */
export function hasBody(request: Pick<HttpRequest, 'headers'>): boolean {
  const length = request.headers['content-length'];
  return request.headers['transfer-encoding'] !== undefined || (length !== undefined && Number(length) > 0);
}

/** Express middleware: 415 for a `/v1` POST, PUT or PATCH whose body is not JSON. */
export function requireJsonBody() {
  return (request: HttpRequest, _response: HttpResponse, next: NextFunction): void => {
    if (
      METHODS_WITH_BODY.has(request.method ?? '') &&
      isApiPath(requestPath(request)) &&
      hasBody(request) &&
      !isJsonMediaType(request.headers['content-type'])
    ) {
      const given = request.headers['content-type'] ?? 'none';
      return next(
        new ProblemException({
          status: 415,
          code: ProblemCodes.UNSUPPORTED_MEDIA_TYPE,
          detail: `The request body must be JSON (Content-Type: application/json), got ${given}.`,
          headers: { 'Accept-Post': 'application/json', 'Accept-Patch': 'application/json' },
        }),
      );
    }
    next();
  };
}

/**
 * Express error middleware placed right after the JSON parser: turns its errors into
 * problems while their `type` is still known (Nest would reduce them to a bare 400).
 */
export function bodyParserErrors() {
  return (error: unknown, _request: HttpRequest, _response: HttpResponse, next: NextFunction): void => {
    next(bodyParserProblem(error) ?? error);
  };
}
