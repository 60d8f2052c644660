import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { type HttpRequest, isApiPath, requestPath } from '../http/http-types';
import { ApiKeyService } from './api-key.service';
import { authenticateRequest } from './authenticate-request';

/**
 * Global guard: every route under `/v1` needs a valid API key; other routes
 * (`/health`, `/docs`) are public. Usually the key was checked by
 * {@link apiKeyMiddleware} already and this only confirms it.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(private readonly apiKeys: ApiKeyService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<HttpRequest>();
    const route = typeof request.route?.path === 'string' ? request.route.path : '';
    if (!isApiPath(route) && !isApiPath(requestPath(request))) return true;
    await authenticateRequest(request, this.apiKeys);
    return true;
  }
}
