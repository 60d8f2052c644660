import type { NestExpressApplication } from '@nestjs/platform-express';
import { apiKeyMiddleware } from '../auth/api-key.middleware';
import { ApiKeyService } from '../auth/api-key.service';
import { JSON_MEDIA_TYPES, MAX_BODY_BYTES, bodyParserErrors, requireJsonBody } from './json-body';

/**
 * Installs the request pipeline ahead of every route, in this order: API key check on
 * `/v1` (401), JSON-only bodies on `/v1` (415), the JSON parser with a 1 MiB limit
 * (413, 400). Create the app with `bodyParser: false` and call this before `init()`.
 * Errors raised here reach the global problem filter through Nest's error handler.
 */
export function configurePlatformHttp(app: NestExpressApplication): void {
  app.use(apiKeyMiddleware(app.get(ApiKeyService)));
  app.use(requireJsonBody());
  app.useBodyParser('json', { limit: MAX_BODY_BYTES, type: JSON_MEDIA_TYPES });
  app.use(bodyParserErrors());
}
