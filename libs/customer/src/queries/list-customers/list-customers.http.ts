import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateBy } from 'class-validator';
import { Database, Tenant, type TenantContext } from '@cm/platform';
import { ApiProblems, CustomerResponse } from '../../commands/http/api-docs';
import {
  CUSTOMER_STATUSES,
  CUSTOMER_TYPES,
  decodeCursor,
  DEFAULT_LIST_LIMIT,
  MAX_LIST_LIMIT,
} from './list-customers.params';
import { type CustomerPage, ListCustomersQuery } from './list-customers.query';

const upperCase = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.toUpperCase() : value);

/** The query parameters of `GET /v1/customers`. Every filter given must hold. */
export class ListCustomersParams {
  @ApiPropertyOptional({ description: 'Exact customer number.', example: 'C-0042' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  readonly customerNumber?: string;

  @ApiPropertyOptional({
    description:
      'Search: every word must start a first or last name, company name, e-mail (whole, local part or domain), customer number ' +
      'or enterprise number. Case and accents do not matter ("jerome" finds "Jérôme", "pee" finds "Peeters").',
    example: 'jan pee',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  readonly q?: string;

  @ApiPropertyOptional({ enum: CUSTOMER_TYPES })
  @IsOptional()
  @IsIn(CUSTOMER_TYPES)
  readonly type?: (typeof CUSTOMER_TYPES)[number];

  @ApiPropertyOptional({ enum: CUSTOMER_STATUSES })
  @IsOptional()
  @IsIn(CUSTOMER_STATUSES)
  readonly status?: (typeof CUSTOMER_STATUSES)[number];

  @ApiPropertyOptional({ description: 'ISO 3166-1 alpha-2, any case.', example: 'BE' })
  @IsOptional()
  @Transform(upperCase)
  @IsString()
  @Matches(/^[A-Z]{2}$/, { message: 'country must be an ISO 3166-1 alpha-2 code, e.g. BE' })
  readonly country?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: MAX_LIST_LIMIT, default: DEFAULT_LIST_LIMIT })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_LIST_LIMIT)
  readonly limit?: number;

  @ApiPropertyOptional({ description: 'The `nextCursor` of the previous page.' })
  @IsOptional()
  @IsString()
  @ValidateBy({
    name: 'isCursor',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && decodeCursor(value) !== undefined,
      defaultMessage: () => 'cursor must be a nextCursor this endpoint returned',
    },
  })
  readonly cursor?: string;
}

class CustomerPageResponse implements CustomerPage {
  @ApiProperty({ type: [CustomerResponse] }) readonly items!: CustomerResponse[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page; null on the last page.' })
  readonly nextCursor!: string | null;
}

@ApiTags('customers')
@Controller('v1/customers')
export class ListCustomersController {
  private readonly query: ListCustomersQuery;

  constructor(database: Database) {
    this.query = new ListCustomersQuery(database.db);
  }

  @Get()
  @ApiOperation({
    summary: 'List and search customers',
    description:
      'The organization\'s customers in creation order (by id), a page at a time: follow `nextCursor` until it is null. ' +
      'Consistent right after a write: the list is the read model the write itself updates.',
  })
  @ApiOkResponse({ type: CustomerPageResponse })
  @ApiProblems({
    400: 'A bad parameter: every one is listed in `errors` (REQUEST.VALIDATION_FAILED), e.g. a limit above 500 or a cursor this endpoint did not return.',
    401: 'Missing or invalid API key.',
  })
  list(@Tenant() tenant: TenantContext, @Query() params: ListCustomersParams): Promise<CustomerPage> {
    const q = params.q?.trim();
    return this.query.list(tenant.organizationId, {
      customerNumber: params.customerNumber,
      q: q ? q : undefined,
      type: params.type,
      status: params.status,
      country: params.country,
      afterId: params.cursor === undefined ? undefined : decodeCursor(params.cursor),
      limit: params.limit ?? DEFAULT_LIST_LIMIT,
    });
  }
}
