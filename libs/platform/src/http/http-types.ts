import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TenantContext } from '../auth/tenant-context';

/** What this library reads from Express's request (Express's own types are not a dependency). */
export interface HttpRequest extends IncomingMessage {
  /** The full path and query, unaffected by mount points. */
  readonly originalUrl?: string;
  /** The matched route, set by the router once a route matched. */
  readonly route?: { readonly path?: unknown };
  /** Set by API key authentication on `/v1` requests. */
  tenant?: TenantContext;
}

export type HttpResponse = ServerResponse;

export type NextFunction = (error?: unknown) => void;

/** The request's path without query string. */
export function requestPath(request: Pick<HttpRequest, 'originalUrl' | 'url'>): string {
  const url = request.originalUrl ?? request.url ?? '/';
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}

/**
 * True for the authenticated API: `/v1` and below. Case-insensitive because Express
 * routing is, so `/V1/...` cannot slip past the check.
 */
export function isApiPath(path: string): boolean {
  const lower = path.toLowerCase();
  return lower === '/v1' || lower.startsWith('/v1/');
}
