import { type CallHandler, createParamDecorator, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Observable } from 'rxjs';
import type { TenantContext } from '@cm/platform';
import type { CommandMeta } from '../../application/command-meta';

export const REQUEST_ID_HEADER = 'X-Request-Id';
export const CORRELATION_ID_HEADER = 'X-Correlation-Id';

/** What the trace needs of a request and a response (Express's types are not a dependency). */
interface TracedRequest {
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly tenant?: TenantContext;
  trace?: { readonly requestId: string; readonly correlationId: string };
}
interface TracedResponse {
  setHeader(name: string, value: string): unknown;
}

/** Printable ASCII without spaces, as ids travel in headers and logs. */
const ID_FORMAT = /^[\x21-\x7e]{1,200}$/;

function idFrom(value: string | string[] | undefined): string | undefined {
  const id = Array.isArray(value) ? value[0] : value;
  return id !== undefined && ID_FORMAT.test(id) ? id : undefined;
}

/**
 * Takes the request's `X-Request-Id` and `X-Correlation-Id` (a new UUID for a
 * missing or unusable one) and echoes them on the response, errors included:
 * it runs before validation. {@link CommandMetadata} hands them to the commands.
 */
@Injectable()
export class RequestTraceInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() === 'http') {
      const request = context.switchToHttp().getRequest<TracedRequest>();
      const response = context.switchToHttp().getResponse<TracedResponse>();
      const trace = {
        requestId: idFrom(request.headers['x-request-id']) ?? randomUUID(),
        correlationId: idFrom(request.headers['x-correlation-id']) ?? randomUUID(),
      };
      request.trace = trace;
      response.setHeader(REQUEST_ID_HEADER, trace.requestId);
      response.setHeader(CORRELATION_ID_HEADER, trace.correlationId);
    }
    return next.handle();
  }
}

/**
 * The metadata of the events a request causes: the API key as the actor, and
 * the request's trace ids (see {@link RequestTraceInterceptor}).
 */
export const CommandMetadata = createParamDecorator((_data: unknown, context: ExecutionContext): CommandMeta => {
  const request = context.switchToHttp().getRequest<TracedRequest>();
  if (!request.tenant) throw new Error('@CommandMetadata() is only available on authenticated routes (under /v1)');
  const trace = request.trace ?? { requestId: randomUUID(), correlationId: randomUUID() };
  return { actor: { type: 'api-key', id: request.tenant.apiKeyId }, correlationId: trace.correlationId, requestId: trace.requestId };
});
