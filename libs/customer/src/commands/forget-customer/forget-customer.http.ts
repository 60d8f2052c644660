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

/** `POST /v1/customers/{id}/forget`: ForgetCustomer. It takes no body. */
@ApiTags('customers')
@Controller('v1/customers')
@UseInterceptors(RequestTraceInterceptor)
export class ForgetCustomerController {
  constructor(
    private readonly commands: CustomerCommandHandler,
    private readonly reader: CustomerReader,
  ) {}

  @StatusCommandRoute(
    'forget',
    'Forget a customer (erase its personal data)',
    'Right to erasure: the personal data is erased for good (its data key is destroyed, so the history cannot ' +
      'be read either); non-personal facts and the customer number stay. Final: every later change is 410.',
  )
  forget(
    @Param('id') id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Tenant() tenant: TenantContext,
    @CommandMetadata() meta: CommandMeta,
    @Res({ passthrough: true }) response: CommandResponse,
  ): Promise<CustomerView> {
    return runStatusCommand({ commands: this.commands, reader: this.reader }, 'ForgetCustomer', { id, ifMatch, tenant, meta, response });
  }
}
