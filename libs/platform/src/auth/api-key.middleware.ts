import { type HttpRequest, type HttpResponse, type NextFunction, isApiPath, requestPath } from '../http/http-types';
import type { ApiKeyService } from './api-key.service';
import { authenticateRequest } from './authenticate-request';

/**
 * Express middleware authenticating every `/v1` request before routing, so an unknown
 * `/v1` path answers 401 rather than revealing which routes exist, and no body is
 * parsed for a caller without a key. {@link ApiKeyGuard} still checks each matched route.
 */
export function apiKeyMiddleware(apiKeys: ApiKeyService) {
  return (request: HttpRequest, _response: HttpResponse, next: NextFunction): void => {
    if (!isApiPath(requestPath(request))) return next();
    authenticateRequest(request, apiKeys).then(() => next(), next);
  };
}
