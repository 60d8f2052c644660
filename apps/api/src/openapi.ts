import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

const BEARER = 'api-key';
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/**
 * Serves the OpenAPI document at `/docs-json` and Swagger UI at `/docs`. Operations
 * under `/v1` require the bearer API key, the others (health) are marked public.
 * Call before `init()`, so these routes come before the not-found handler.
 */
export function setUpOpenApi(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Customer management API')
    .setDescription('Event-sourced customer management. Errors are RFC 9457 application/problem+json.')
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'cm_live_...', description: 'An API key, sent as Authorization: Bearer <key>' }, BEARER)
    .build();
  const document = SwaggerModule.createDocument(app, config);
  for (const [path, item] of Object.entries(document.paths)) {
    const security = path === '/v1' || path.startsWith('/v1/') ? [{ [BEARER]: [] }] : [];
    for (const method of METHODS) {
      const operation = item[method];
      if (operation) operation.security = security;
    }
  }
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  return document;
}
