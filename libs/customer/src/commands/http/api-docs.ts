import { applyDecorators } from '@nestjs/common';
import { ApiHeader, ApiProperty } from '@nestjs/swagger';
import { LANGUAGES } from '../../domain';
import { CORRELATION_ID_HEADER, REQUEST_ID_HEADER } from './request-trace';

/** Shared with every context; re-exported so this context's endpoints import their docs from one place. */
export { ApiProblems } from '@cm/platform';

/** A customer as the API returns it (the OpenAPI schema of `CustomerView`). */
export class CustomerResponse {
  @ApiProperty({ format: 'uuid' }) readonly id!: string;
  @ApiProperty({ enum: ['person', 'company'] }) readonly type!: 'person' | 'company';
  @ApiProperty({ type: String, nullable: true }) readonly customerNumber!: string | null;
  @ApiProperty({ type: String, nullable: true }) readonly firstName!: string | null;
  @ApiProperty({ type: String, nullable: true }) readonly lastName!: string | null;
  @ApiProperty({ type: String, nullable: true }) readonly companyName!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Digits and letters only.' }) readonly enterpriseNumber!: string | null;
  @ApiProperty({ type: String, nullable: true }) readonly vatNumber!: string | null;
  @ApiProperty({ type: String, nullable: true }) readonly email!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'International format.' }) readonly mobile!: string | null;
  @ApiProperty({ enum: LANGUAGES }) readonly language!: string;
  @ApiProperty({ type: String, nullable: true, description: 'Street and number.' }) readonly address!: string | null;
  @ApiProperty({ type: String, nullable: true }) readonly zip!: string | null;
  @ApiProperty({ type: String, nullable: true }) readonly city!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'ISO 3166-1 alpha-2.' }) readonly country!: string | null;
  @ApiProperty({ enum: ['active', 'archived', 'forgotten'] }) readonly status!: 'active' | 'archived' | 'forgotten';
  @ApiProperty({ description: 'Increases with every change; the ETag carries it.' }) readonly version!: number;
  @ApiProperty({ format: 'date-time' }) readonly createdAt!: string;
  @ApiProperty({ format: 'date-time' }) readonly updatedAt!: string;
}

/** The trace headers every command endpoint takes and echoes. */
export function ApiTraceHeaders(): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiHeader({ name: REQUEST_ID_HEADER, required: false, description: 'Recorded on the events; a new UUID when absent. Echoed.' }),
    ApiHeader({ name: CORRELATION_ID_HEADER, required: false, description: 'Recorded on the events; a new UUID when absent. Echoed.' }),
  );
}

/** Response headers of an operation that returns a customer. */
export const customerHeaders = (created: boolean) => ({
  ETag: { description: 'The customer\'s version, for If-Match: "3".', schema: { type: 'string' } },
  ...(created ? { Location: { description: 'The customer\'s URL: /v1/customers/{id}.', schema: { type: 'string' } } } : {}),
  [REQUEST_ID_HEADER]: { schema: { type: 'string' } },
  [CORRELATION_ID_HEADER]: { schema: { type: 'string' } },
});

/** The common failures of the JSON endpoints. */
export const BODY_PROBLEMS = {
  400: 'Invalid body: every invalid field is listed in `errors` (REQUEST.VALIDATION_FAILED for types, unknown fields and conflicting spellings; CUSTOMER.VALIDATION_FAILED for values and rules), or malformed JSON.',
  401: 'Missing or invalid API key.',
  413: 'Body over 1 MiB.',
  415: 'Body is not JSON.',
} as const;
