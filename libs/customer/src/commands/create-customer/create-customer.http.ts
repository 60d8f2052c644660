import { Body, Controller, Post, Res, UseInterceptors } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Idempotent, Tenant, type TenantContext } from '@cm/platform';
import type { CommandMeta } from '../../application/command-meta';
import { CustomerCommandHandler } from '../../application/customer-command-handler';
import { newCustomerId } from '../../application/customer-id';
import { CustomerReader } from '../../queries/customer-reader';
import type { CustomerView } from '../../queries/customer.view';
import { ApiProblems, ApiTraceHeaders, BODY_PROBLEMS, CustomerResponse, customerHeaders } from '../http/api-docs';
import { createCommand, wireFields } from '../http/customer-commands.mapping';
import { CustomerFieldsBody } from '../http/customer-fields.body';
import { type CommandResponse, customerAfterWrite, sendCustomer } from '../http/customer-http';
import { CommandMetadata, RequestTraceInterceptor } from '../http/request-trace';

/** The body of `POST /v1/customers`: a missing or `null` field is empty. */
export class CreateCustomerBody extends CustomerFieldsBody {}

/** `POST /v1/customers`: CreatePersonCustomer or CreateCompanyCustomer, by the body. */
@ApiTags('customers')
@Controller('v1/customers')
@UseInterceptors(RequestTraceInterceptor)
export class CreateCustomerController {
  constructor(
    private readonly commands: CustomerCommandHandler,
    private readonly reader: CustomerReader,
  ) {}

  @Post()
  @Idempotent()
  @ApiOperation({
    summary: 'Create a customer',
    description:
      'Creates a person or a company: a company when type is company or, without a type, when companyName is given. ' +
      'A person needs a customerNumber or both first and last name; a company needs a companyName. ' +
      'The customer number is unique per organization: a taken one is 409 naming the existing customer ' +
      '(existingCustomerId). To create-or-update by number, use PUT /v1/customers/by-number/{customerNumber}. ' +
      'Twikey spellings are accepted: firstname, lastname, coc, vatno, l, lang.',
  })
  @ApiTraceHeaders()
  @ApiBody({ type: CreateCustomerBody })
  @ApiCreatedResponse({ type: CustomerResponse, description: 'Created.', headers: customerHeaders(true) })
  @ApiProblems({ ...BODY_PROBLEMS, 409: 'CUSTOMER.NUMBER_TAKEN (with existingCustomerId), or an Idempotency-Key conflict.' })
  async create(
    @Body() body: CreateCustomerBody,
    @Tenant() tenant: TenantContext,
    @CommandMetadata() meta: CommandMeta,
    @Res({ passthrough: true }) response: CommandResponse,
  ): Promise<CustomerView> {
    const command = createCommand(wireFields(body), newCustomerId());
    const { customerId } = await this.commands.execute(tenant.organizationId, command, meta);
    return sendCustomer(response, await customerAfterWrite(this.reader, tenant.organizationId, customerId), 201);
  }
}
