import { Controller, Headers, HttpCode, Param, Post, Res, UseInterceptors } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Idempotent, Tenant, type TenantContext } from '@cm/platform';
import type { CommandMeta } from '../../application/command-meta';
import { CustomerCommandHandler } from '../../application/customer-command-handler';
import { CustomerReader } from '../../queries/customer-reader';
import type { CustomerView } from '../../queries/customer.view';
import { ApiProblems, ApiTraceHeaders, CustomerResponse, customerHeaders } from '../http/api-docs';
import { type CommandResponse, customerAfterWrite, customerIdParam, ifMatchVersion, sendCustomer } from '../http/customer-http';
import { CommandMetadata, RequestTraceInterceptor } from '../http/request-trace';

/** `POST /v1/customers/{id}/restore`: RestoreCustomer. It takes no body. */
@ApiTags('customers')
@Controller('v1/customers')
@UseInterceptors(RequestTraceInterceptor)
export class RestoreCustomerController {
  constructor(
    private readonly commands: CustomerCommandHandler,
    private readonly reader: CustomerReader,
  ) {}

  @Post(':id/restore')
  @HttpCode(200)
  @Idempotent()
  @ApiOperation({ summary: 'Restore an archived customer', description: 'Brings an archived customer back into use. Restoring an active customer changes nothing.' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiHeader({ name: 'If-Match', required: false, description: 'The ETag the request is based on, e.g. "3".' })
  @ApiTraceHeaders()
  @ApiOkResponse({ type: CustomerResponse, description: 'The customer afterwards.', headers: customerHeaders(false) })
  @ApiProblems({
    401: 'Missing or invalid API key.',
    404: 'No such customer in this organization.',
    409: 'CUSTOMER.CONCURRENT_CHANGE, or an Idempotency-Key conflict.',
    410: 'The customer was forgotten.',
    412: 'If-Match names an older version (CUSTOMER.VERSION_MISMATCH).',
  })
  async restore(
    @Param('id') id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Tenant() tenant: TenantContext,
    @CommandMetadata() meta: CommandMeta,
    @Res({ passthrough: true }) response: CommandResponse,
  ): Promise<CustomerView> {
    const customerId = customerIdParam(id);
    const ifVersion = ifMatchVersion(ifMatch);
    await this.commands.execute(tenant.organizationId, { type: 'RestoreCustomer', customerId }, meta, { ifVersion });
    return sendCustomer(response, await customerAfterWrite(this.reader, tenant.organizationId, customerId));
  }
}
