import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { EventStore } from '@cm/event-store';
import { Tenant, type TenantContext } from '@cm/platform';
import { ApiProblems } from '../../commands/http/api-docs';
import { CustomerNotFoundError } from '../../domain/customer.errors';
import type { CustomerFieldChange, CustomerHistoryEntry } from './customer-history';
import { CustomerHistoryQuery } from './customer-history.query';

class CustomerFieldChangeResponse implements CustomerFieldChange {
  @ApiProperty({ example: 'email', description: 'A field of the customer as GET /v1/customers/{id} shows it (`type` and `status` included).' })
  readonly field!: string;
  @ApiProperty({ type: String, nullable: true, description: 'The value before; null when empty, or erased.' }) readonly from!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The value after; null when empty, or erased.' }) readonly to!: string | null;
  @ApiPropertyOptional({
    enum: [true],
    description:
      'Present (true) only when the value was personal data of a customer who has since been forgotten: it can no longer be read, ' +
      'and `from` and `to` are null. The change itself (which field, when, by whom) stays in the history.',
  })
  readonly erased?: true;
}

class ActorResponse {
  @ApiProperty({ example: 'api-key', description: 'api-key, user, system, import-job or crm-connector.' }) readonly type!: string;
  @ApiProperty() readonly id!: string;
}

class CustomerHistoryEntryResponse implements CustomerHistoryEntry {
  @ApiProperty({ example: 'CustomerDetailsChanged' }) readonly eventType!: CustomerHistoryEntry['eventType'];
  @ApiProperty({ description: 'The customer\'s version after this event.' }) readonly version!: number;
  @ApiProperty({ format: 'date-time' }) readonly recordedAt!: string;
  @ApiProperty({ type: ActorResponse, nullable: true }) readonly actor!: ActorResponse | null;
  @ApiProperty({ type: String, nullable: true }) readonly correlationId!: string | null;
  @ApiProperty({
    type: [CustomerFieldChangeResponse],
    description:
      'Created: every field set, from null. Details changed or enriched: each changed field. Number changed: customerNumber. ' +
      'Became person/company: type, companyName (and the company fields cleared). Archived, restored, forgotten: status.',
  })
  readonly changes!: CustomerFieldChangeResponse[];
  @ApiPropertyOptional({ example: 'kbo', description: 'CompanyEnriched only: the registry the values came from (kbo, vies, kvk).' })
  readonly source?: string;
}

@ApiTags('customers')
@Controller('v1/customers')
export class CustomerHistoryController {
  private readonly query: CustomerHistoryQuery;

  constructor(store: EventStore) {
    this.query = new CustomerHistoryQuery(store);
  }

  @Get(':id/history')
  @ApiOperation({
    summary: 'A customer\'s audit trail',
    description: 'Every event of the customer, oldest first: what changed, from what to what, when, by whom, under which correlation id.',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: [CustomerHistoryEntryResponse] })
  @ApiProblems({ 401: 'Missing or invalid API key.', 404: 'No such customer in this organization (CUSTOMER.NOT_FOUND).' })
  async history(@Tenant() tenant: TenantContext, @Param('id') id: string): Promise<CustomerHistoryEntry[]> {
    const history = await this.query.history(tenant.organizationId, id);
    if (!history) throw new CustomerNotFoundError(id);
    return history;
  }
}
