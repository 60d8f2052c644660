import type { ServerResponse } from 'node:http';
import { Controller, Get, Headers, Param, Query, Res } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiParam, ApiPropertyOptional, ApiResponse, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, ValidateBy } from 'class-validator';
import { EventStore } from '@cm/event-store';
import { ProblemException, Tenant, type TenantContext } from '@cm/platform';
import { ApiProblems, CustomerResponse } from '../../commands/http/api-docs';
import { CustomerNotFoundError } from '../../domain/customer.errors';
import { CustomerReader } from '../customer-reader';
import { type CustomerAsOf, parseAsOf } from './customer-as-of';
import { GetCustomerQuery } from './get-customer.query';

/** The query parameters of `GET /v1/customers/{id}`. */
export class GetCustomerParams {
  @ApiPropertyOptional({
    description:
      'Time travel: the customer as it was at this version (a whole number, 1 = as created) or at this instant ' +
      '(ISO 8601 date-time with Z or an offset, e.g. 2026-11-25T10:00:00Z).',
    examples: { version: { value: '3' }, instant: { value: '2026-11-25T10:00:00Z' } },
  })
  @IsOptional()
  @IsString()
  @ValidateBy({
    name: 'isVersionOrInstant',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && parseAsOf(value) !== undefined,
      defaultMessage: () => 'at must be a version (a whole number) or an ISO 8601 date-time with a zone, e.g. 2026-11-25T10:00:00Z',
    },
  })
  readonly at?: string;
}

@ApiTags('customers')
@Controller('v1/customers')
export class GetCustomerController {
  private readonly query: GetCustomerQuery;

  constructor(reader: CustomerReader, store: EventStore) {
    this.query = new GetCustomerQuery(reader, store);
  }

  @Get(':id')
  @ApiOperation({
    summary: 'Get a customer, now or as it was',
    description:
      'Now: from the read model, which the write itself updates (a customer is readable as soon as its write answered). ' +
      'The ETag is the version; send it in If-None-Match to get 304 when nothing changed. ' +
      'With `at`: folded from the customer\'s events up to that version or instant, in the same shape.',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiHeader({ name: 'If-None-Match', required: false, description: 'An ETag from an earlier answer: 304 if the customer is still at that version.' })
  @ApiOkResponse({
    type: CustomerResponse,
    headers: { ETag: { description: 'The customer\'s version, e.g. "3" (without `at` only).', schema: { type: 'string' } } },
  })
  @ApiResponse({ status: 304, description: 'Not modified: If-None-Match names the current version.' })
  @ApiProblems({
    400: '`at` is neither a version nor an ISO 8601 date-time with a zone (REQUEST.VALIDATION_FAILED).',
    401: 'Missing or invalid API key.',
    404: 'No such customer in this organization, or it did not exist yet at `at` (CUSTOMER.NOT_FOUND).',
  })
  async get(
    @Tenant() tenant: TenantContext,
    @Param('id') id: string,
    @Query() params: GetCustomerParams,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res() response: ServerResponse,
  ): Promise<void> {
    const asOf = params.at === undefined ? undefined : parseAsOf(params.at);
    const customer = asOf
      ? await this.query.asOf(tenant.organizationId, id, asOf)
      : await this.query.current(tenant.organizationId, id);
    if (!customer) throw asOf ? notFoundAt(id, asOf) : new CustomerNotFoundError(id);

    // The response is written here: Nest would set 200 over a 304. Only the current customer has an ETag.
    const etag = asOf ? undefined : `"${customer.version}"`;
    if (etag) response.setHeader('ETag', etag);
    if (etag && ifNoneMatch !== undefined && matchesEtag(ifNoneMatch, etag)) {
      response.statusCode = 304;
      response.end();
      return;
    }
    const body = JSON.stringify(customer);
    response.statusCode = 200;
    response.setHeader('Content-Type', 'application/json; charset=utf-8');
    response.setHeader('Content-Length', Buffer.byteLength(body));
    response.end(body);
  }
}

/** RFC 9110 If-None-Match: `*`, or a list of entity tags compared weakly (`W/"3"` matches `"3"`). */
export function matchesEtag(ifNoneMatch: string, etag: string): boolean {
  if (ifNoneMatch.trim() === '*') return true;
  return ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}

/** Same code as an unknown customer: whether the customer exists now is not told either way. */
function notFoundAt(id: string, asOf: CustomerAsOf): ProblemException {
  const point = 'version' in asOf ? `version ${asOf.version}` : asOf.at.toISOString();
  return new ProblemException({
    status: 404,
    code: 'CUSTOMER.NOT_FOUND',
    detail: `Customer ${id} did not exist at ${point}`,
    extensions: { customerId: id },
  });
}
