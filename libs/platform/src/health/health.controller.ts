import { Controller, Get, Header, Logger } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { Database } from '../database/database';
import { ProblemCodes, ProblemException } from '../http/problem';
import { checkDatabase } from './database-health';

/** The body of a healthy `GET /health`. */
export interface HealthReport {
  readonly status: 'ok';
  readonly database: { readonly status: 'up'; readonly version: string; readonly latencyMs: number };
}

/** Liveness and readiness in one: public, cheap, one database round trip. */
@ApiTags('health')
@Controller('health')
export class HealthController {
  private readonly logger = new Logger('Health');

  constructor(private readonly database: Database) {}

  @Get()
  @Header('Cache-Control', 'no-store')
  @ApiOkResponse({ description: 'The API and its database answer.' })
  @ApiServiceUnavailableResponse({ description: 'The database does not answer (application/problem+json).' })
  async health(): Promise<HealthReport> {
    const database = await checkDatabase(this.database);
    if (database.status === 'up') return { status: 'ok', database };
    // The error text (host, port, user) stays in the log: the endpoint is public.
    this.logger.warn(`database check failed: ${database.error}`);
    throw new ProblemException({
      status: 503,
      code: ProblemCodes.SERVICE_UNAVAILABLE,
      detail: 'The database does not answer.',
      extensions: { database: { status: 'down', latencyMs: database.latencyMs } },
    });
  }
}
