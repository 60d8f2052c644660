import { Controller, Headers, Param, Res, UseInterceptors } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Tenant, type TenantContext } from '@cm/platform';
import type { CommandMeta } from '../../application/command-meta';
import { CustomerCommandHandler } from '../../application/customer-command-handler';
import { CustomerReader } from '../../queries/customer-reader';
import type { CustomerView } from '../../queries/customer.view';
import type { CommandResponse } from '../http/customer-http';
import { CommandMetadata, RequestTraceInterceptor } from '../http/request-trace';
import { runStatusCommand, StatusCommandRoute } from '../http/status-command';

/** `POST /v1/customers/{id}/restore`: RestoreCustomer. It takes no body. */
@ApiTags('customers')
@Controller('v1/customers')
@UseInterceptors(RequestTraceInterceptor)
export class RestoreCustomerController {
  constructor(
    private readonly commands: CustomerCommandHandler,
    private readonly reader: CustomerReader,
  ) {}

  @StatusCommandRoute(
    'restore',
    'Restore an archived customer','Brings an archived customer back into use. Restoring an active customer changes nothing.',
  )
  restore(
    @Param('id') id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Tenant() tenant: TenantContext,
    @CommandMetadata() meta: CommandMeta,
    @Res({ passthrough: true }) response: CommandResponse,
  ): Promise<CustomerView> {
    return runStatusCommand({ commands: this.commands, reader: this.reader }, 'RestoreCustomer', { id, ifMatch, tenant, meta, response });
  }
}
