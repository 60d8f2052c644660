import { Body, Controller, Headers, Param, Put, Res, UseInterceptors } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ProblemCodes, ProblemException, Tenant, type TenantContext } from '@cm/platform';
import { CustomerVersionMismatchError } from '../../application/application.errors';
import type { CommandMeta } from '../../application/command-meta';
import { CustomerCommandHandler } from '../../application/customer-command-handler';
import { newCustomerId } from '../../application/customer-id';
import { CustomerNumberTakenError, CustomerValidationFailedError, parseCustomerNumber } from '../../domain';
import { CustomerReader } from '../../queries/customer-reader';
import type { CustomerView } from '../../queries/customer.view';
import { ApiProblems, ApiTraceHeaders, BODY_PROBLEMS, CustomerResponse, customerHeaders } from '../http/api-docs';
import { applyChanges } from '../http/customer-changes';
import { createCommand, wireFields } from '../http/customer-commands.mapping';
import { CustomerFieldsBody } from '../http/customer-fields.body';
import { type CommandResponse, customerAfterWrite, ifMatchVersion, sendCustomer } from '../http/customer-http';
import { CommandMetadata, RequestTraceInterceptor } from '../http/request-trace';

/** The body of `PUT /v1/customers/by-number/{customerNumber}`: a missing field stays (or is empty on create), `null` clears it. */
export class PutCustomerByNumberBody extends CustomerFieldsBody {}

/** A create that lost the race for its number is retried as an update of the winner, this many times at most. */
const ATTEMPTS = 3;

/**
 * `PUT /v1/customers/by-number/{customerNumber}`: the deduplication path. Creates
 * the customer with this number (CreatePersonCustomer / CreateCompanyCustomer) or
 * changes the one that has it (ChangeCustomerDetails).
 */
@ApiTags('customers')
@Controller('v1/customers')
@UseInterceptors(RequestTraceInterceptor)
export class PutCustomerByNumberController {
  constructor(
    private readonly commands: CustomerCommandHandler,
    private readonly reader: CustomerReader,
  ) {}

  @Put('by-number/:customerNumber')
  @ApiOperation({
    summary: 'Create or update a customer by its customer number',
    description:
      'The way for channels that know the customer by number (invoices, imports, CRMs) to never create a duplicate. ' +
      'No customer with this number: it is created (201, Location). One exists: the fields sent replace its values, ' +
      'fields not sent stay, null clears (200); nothing differing records nothing and keeps the version. Concurrent ' +
      'requests for one new number create one customer. A customerNumber in the body must equal the path. ' +
      'address, zip, city and country are one address: sending any of them replaces the whole address. ' +
      'With If-Match, the customer must exist at that version (else 412).',
  })
  @ApiParam({ name: 'customerNumber', description: 'The customer number (URL-encoded).' })
  @ApiHeader({ name: 'If-Match', required: false, description: 'The ETag an update is based on, e.g. "3".' })
  @ApiTraceHeaders()
  @ApiBody({ type: PutCustomerByNumberBody })
  @ApiOkResponse({ type: CustomerResponse, description: 'Updated (or unchanged).', headers: customerHeaders(false) })
  @ApiCreatedResponse({ type: CustomerResponse, description: 'Created.', headers: customerHeaders(true) })
  @ApiProblems({
    ...BODY_PROBLEMS,
    409: 'CUSTOMER.ARCHIVED or CUSTOMER.CONCURRENT_CHANGE.',
    410: 'The customer with this number was forgotten.',
    412: 'If-Match names another version, or no customer has this number.',
  })
  async put(
    @Param('customerNumber') rawNumber: string,
    @Body() body: PutCustomerByNumberBody,
    @Headers('if-match') ifMatch: string | undefined,
    @Tenant() tenant: TenantContext,
    @CommandMetadata() meta: CommandMeta,
    @Res({ passthrough: true }) response: CommandResponse,
  ): Promise<CustomerView> {
    const number = customerNumberParam(rawNumber);
    const fields = wireFields(body);
    if (fields.customerNumber !== undefined) assertSameNumber(fields.customerNumber, number);
    const expected = ifMatchVersion(ifMatch);
    const org = tenant.organizationId;

    for (let attempt = 1; ; attempt++) {
      const existing = await this.reader.byCustomerNumber(org, number);
      if (existing) {
        if (expected !== undefined && expected !== existing.version) {
          throw new CustomerVersionMismatchError(existing.id, expected, existing.version);
        }
        await applyChanges(this.commands, org, existing, { ...fields, customerNumber: undefined }, meta, expected);
        return sendCustomer(response, await customerAfterWrite(this.reader, org, existing.id));
      }
      if (expected !== undefined) {
        throw new ProblemException({
          status: 412,
          code: 'CUSTOMER.VERSION_MISMATCH',
          title: 'Customer version mismatch',
          detail: `No customer has number ${number}, so If-Match cannot match.`,
        });
      }
      try {
        const { customerId } = await this.commands.execute(org, createCommand({ ...fields, customerNumber: number }, newCustomerId()), meta);
        return sendCustomer(response, await customerAfterWrite(this.reader, org, customerId), 201);
      } catch (error) {
        // Another request created a customer with this number meanwhile: update that one instead.
        if (!(error instanceof CustomerNumberTakenError) || attempt >= ATTEMPTS) throw error;
      }
    }
  }
}

/** The path's number, normalised as the domain stores it. */
function customerNumberParam(raw: string): string {
  const parsed = parseCustomerNumber(raw);
  if (!parsed.ok) throw new CustomerValidationFailedError([parsed.error]);
  return parsed.value;
}

/** A body may repeat the path's number, not name another one. */
function assertSameNumber(sent: string | null, number: string): void {
  const parsed = sent === null ? undefined : parseCustomerNumber(sent);
  if (parsed?.ok && parsed.value === number) return;
  throw new ProblemException({
    status: 400,
    code: ProblemCodes.VALIDATION_FAILED,
    title: 'Validation failed',
    detail: 'The body\'s customerNumber differs from the one in the path. To change a number, use PATCH /v1/customers/{id}.',
    extensions: {
      errors: [{ field: 'customerNumber', code: 'pathMismatch', message: `customerNumber must be ${number}, as in the path, or be left out` }],
    },
  });
}
