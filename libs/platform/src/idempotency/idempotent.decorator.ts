import { applyDecorators, UseInterceptors } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import { IDEMPOTENCY_KEY_HEADER, IdempotencyInterceptor } from './idempotency.interceptor';

/**
 * Marks a route as idempotent under an optional `Idempotency-Key` header
 * (see {@link IdempotencyInterceptor}) and documents the header in OpenAPI.
 */
export function Idempotent(): MethodDecorator & ClassDecorator {
  return applyDecorators(
    UseInterceptors(IdempotencyInterceptor),
    ApiHeader({
      name: IDEMPOTENCY_KEY_HEADER,
      required: false,
      description:
        'Makes a retry safe: the same key with the same body within 24 hours returns the first response ' +
        '(marked Idempotent-Replayed: true) without doing the work twice. The same key with another body is 409 ' +
        'IDEMPOTENCY.KEY_REUSED; while the first request runs, 409 IDEMPOTENCY.IN_PROGRESS. Failed requests do not ' +
        'keep the key. Keys are per organization, 1 to 255 printable ASCII characters.',
      schema: { type: 'string', maxLength: 255 },
    }),
  );
}
