import { Body, Controller, Post, Res, UseInterceptors } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsBoolean, IsOptional } from 'class-validator';
import { Idempotent, Tenant, type TenantContext } from '@cm/platform';
import type { CommandMeta } from '../../application/command-meta';
import { CustomerCommandHandler } from '../../application/customer-command-handler';
import { CompanyRegistryLookup } from '../../application/company-registry-lookup';
import { newCustomerId } from '../../application/customer-id';
import { CustomerReader } from '../../queries/customer-reader';
import type { CustomerView } from '../../queries/customer.view';
import { ApiProblems, ApiTraceHeaders, BODY_PROBLEMS, CustomerResponse, customerHeaders } from '../http/api-docs';
import { createCommand, type WireFields, wireFields } from '../http/customer-commands.mapping';
import { CustomerFieldsBody } from '../http/customer-fields.body';
import { type CommandResponse, customerAfterWrite, sendCustomer } from '../http/customer-http';
import { CommandMetadata, RequestTraceInterceptor } from '../http/request-trace';
import { prefillCompany, prefillNumber } from './company-prefill';

/** The body of `POST /v1/customers`: a missing or `null` field is empty. */
export class CreateCustomerBody extends CustomerFieldsBody {
  @ApiPropertyOptional({
    description:
      'Look the enterpriseNumber up in the company registries (Belgium: KBO, VIES; the Netherlands: KvK, VIES) and fill the ' +
      'company fields the request leaves empty: companyName, vatNumber, address, zip, city, country. Values sent win.',
    default: false,
  })
  @IsOptional()
  @IsBoolean()
  readonly prefill?: boolean;
}

/** `POST /v1/customers`: CreatePersonCustomer or CreateCompanyCustomer, by the body. */
@ApiTags('customers')
@Controller('v1/customers')
@UseInterceptors(RequestTraceInterceptor)
export class CreateCustomerController {
  constructor(
    private readonly commands: CustomerCommandHandler,
    private readonly reader: CustomerReader,
    private readonly registry: CompanyRegistryLookup,
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
      'Twikey spellings are accepted: firstname, lastname, coc, vatno, l, lang. ' +
      'With prefill: true, a Belgian or Dutch enterpriseNumber is enough: the registries fill the company fields left empty.',
  })
  @ApiTraceHeaders()
  @ApiBody({ type: CreateCustomerBody })
  @ApiCreatedResponse({ type: CustomerResponse, description: 'Created.', headers: customerHeaders(true) })
  @ApiProblems({
    ...BODY_PROBLEMS,
    400: `${BODY_PROBLEMS[400]} With prefill: an enterpriseNumber that cannot be one of its country (REGISTRY.INVALID_NUMBER).`,
    409: 'CUSTOMER.NUMBER_TAKEN (with existingCustomerId), or an Idempotency-Key conflict.',
    422: 'prefill: no registry knows the enterpriseNumber (CUSTOMER.ENTERPRISE_NOT_IN_REGISTRY).',
    503: 'prefill: no registry could answer now; nothing was created. Retry-After says when to try again (REGISTRY.UNAVAILABLE).',
  })
  async create(
    @Body() body: CreateCustomerBody,
    @Tenant() tenant: TenantContext,
    @CommandMetadata() meta: CommandMeta,
    @Res({ passthrough: true }) response: CommandResponse,
  ): Promise<CustomerView> {
    const sent = wireFields(body);
    const fields = body.prefill ? await this.prefilled(sent) : sent;
    const command = createCommand(fields, newCustomerId());
    const { customerId } = await this.commands.execute(tenant.organizationId, command, meta);
    return sendCustomer(response, await customerAfterWrite(this.reader, tenant.organizationId, customerId), 201);
  }

  private async prefilled(fields: WireFields): Promise<WireFields> {
    const company = await this.registry.find(prefillNumber(fields), fields.address?.country, fields.language);
    return prefillCompany(fields, company);
  }
}
