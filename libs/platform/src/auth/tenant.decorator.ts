import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { HttpRequest } from '../http/http-types';
import type { TenantContext } from './tenant-context';

/**
 * The authenticated caller of a `/v1` route: `handle(@Tenant() tenant: TenantContext)`.
 * Throws on a route outside `/v1`, where nobody is authenticated.
 */
export const Tenant = createParamDecorator((_data: unknown, context: ExecutionContext): TenantContext => {
  const tenant = context.switchToHttp().getRequest<HttpRequest>().tenant;
  if (!tenant) throw new Error('@Tenant() is only available on authenticated routes (under /v1)');
  return tenant;
});
