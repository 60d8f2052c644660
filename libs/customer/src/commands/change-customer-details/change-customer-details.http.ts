import { Body, Controller, Headers, Param, Patch, Res, UseInterceptors } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Tenant, type TenantContext } from '@cm/platform';
import { CustomerVersionMismatchError } from '../../application/application.errors';
import type { CommandMeta } from '../../application/command-meta';
import { CustomerCommandHandler } from '../../application/customer-command-handler';
import { CustomerNotFoundError } from '../../domain';
import { CustomerReader } from '../../queries/customer-reader';
import type { CustomerView } from '../../queries/customer.view';
import { ApiProblems, ApiTraceHeaders, BODY_PROBLEMS, CustomerResponse, customerHeaders } from '../http/api-docs';
import { applyChanges } from '../http/customer-changes';
import { wireFields } from '../http/customer-commands.mapping';
import { CustomerFieldsBody } from '../http/customer-fields.body';
import { type CommandResponse, customerAfterWrite, customerIdParam, ifMatchVersion, sendCustomer } from '../http/customer-http';
import { CommandMetadata, RequestTraceInterceptor } from '../http/request-trace';

/** The body of `PATCH /v1/customers/{id}`: a missing field stays, `null` clears it. */
export class ChangeCustomerBody extends CustomerFieldsBody {}

/** `PATCH /v1/customers/{id}`: ChangeCustomerDetails, and ChangeCustomerNumber when a number is sent. */
@ApiTags('customers')
@Controller('v1/customers')
@UseInterceptors(RequestTraceInterceptor)
export class ChangeCustomerDetailsController {
  constructor(
    private readonly commands: CustomerCommandHandler,
    private readonly reader: CustomerReader,
  ) {}

  @Patch(':id')
  @ApiOperation({
    summary: 'Change some fields of a customer',
    description:
      'Changes only the fields sent; null clears a field. address, zip, city and country are one address: sending any ' +
      'of them replaces the whole address (parts not sent become empty). Giving a person a companyName makes it a ' +
      'company; clearing a company\'s companyName (or type: person) makes it a person. A new customerNumber is recorded ' +
      'as its own audited change: systems that know the customer by its old number will no longer find it and may ' +
      'create duplicates, so change numbers everywhere at once. With If-Match (the ETag), a customer changed since is ' +
      '412 and nothing changes; without it the change applies to the latest version. Archived customers must be ' +
      'restored first (409).',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiHeader({ name: 'If-Match', required: false, description: 'The ETag the change is based on, e.g. "3".' })
  @ApiTraceHeaders()
  @ApiBody({ type: ChangeCustomerBody })
  @ApiOkResponse({ type: CustomerResponse, description: 'The customer after the change.', headers: customerHeaders(false) })
  @ApiProblems({
    ...BODY_PROBLEMS,
    404: 'No such customer in this organization.',
    409: 'CUSTOMER.NUMBER_TAKEN (with existingCustomerId), CUSTOMER.ARCHIVED, or CUSTOMER.CONCURRENT_CHANGE.',
    410: 'The customer was forgotten.',
    412: 'If-Match names an older version (CUSTOMER.VERSION_MISMATCH).',
  })
  async change(
    @Param('id') id: string,
    @Body() body: ChangeCustomerBody,
    @Headers('if-match') ifMatch: string | undefined,
    @Tenant() tenant: TenantContext,
    @CommandMetadata() meta: CommandMeta,
    @Res({ passthrough: true }) response: CommandResponse,
  ): Promise<CustomerView> {
    const customerId = customerIdParam(id);
    const expected = ifMatchVersion(ifMatch);
    const customer = await this.reader.byId(tenant.organizationId, customerId);
    if (!customer) throw new CustomerNotFoundError(customerId);
    if (expected !== undefined && expected !== customer.version) {
      throw new CustomerVersionMismatchError(customerId, expected, customer.version);
    }
    await applyChanges(this.commands, tenant.organizationId, customer, wireFields(body), meta, expected);
    return sendCustomer(response, await customerAfterWrite(this.reader, tenant.organizationId, customerId));
  }
}
