import { bearerToken } from './api-key';
import type { ApiKeyService } from './api-key.service';
import type { TenantContext } from './tenant-context';
import type { HttpRequest } from '../http/http-types';
import { ProblemCodes, ProblemException } from '../http/problem';

/**
 * Resolves the request's `Authorization: Bearer <key>` to its tenant and attaches it.
 * @throws ProblemException 401 with a `WWW-Authenticate` challenge (RFC 6750)
 */
export async function authenticateRequest(request: HttpRequest, apiKeys: ApiKeyService): Promise<TenantContext> {
  if (request.tenant) return request.tenant;
  const key = bearerToken(request.headers.authorization);
  if (key === undefined) {
    throw new ProblemException({
      status: 401,
      code: ProblemCodes.API_KEY_MISSING,
      title: 'API key required',
      detail: 'Send an API key as "Authorization: Bearer <key>".',
      headers: { 'WWW-Authenticate': 'Bearer' },
    });
  }
  const tenant = await apiKeys.authenticate(key);
  if (!tenant) {
    throw new ProblemException({
      status: 401,
      code: ProblemCodes.API_KEY_INVALID,
      title: 'Invalid API key',
      detail: 'The API key is unknown or has been revoked.',
      headers: { 'WWW-Authenticate': 'Bearer error="invalid_token"' },
    });
  }
  request.tenant = tenant;
  return tenant;
}
