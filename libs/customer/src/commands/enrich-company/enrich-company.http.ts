import { Body, Controller, Headers, HttpCode, Param, Post, Res, UseInterceptors } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiOkResponse, ApiOperation, ApiParam, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsBoolean, IsOptional } from 'class-validator';
import { registryCountryOf } from '@cm/company-registry';
import { Idempotent, Tenant, type TenantContext } from '@cm/platform';
import { CompanyNotEnrichableError } from '../../application/application.errors';
import type { CommandMeta } from '../../application/command-meta';
import { CompanyRegistryLookup, suggestionFrom } from '../../application/company-registry-lookup';
import { CustomerCommandHandler } from '../../application/customer-command-handler';
import { CustomerArchivedError, CustomerForgottenError, CustomerNotACompanyError, CustomerNotFoundError, isBlank } from '../../domain';
import { CustomerReader } from '../../queries/customer-reader';
import type { CustomerView } from '../../queries/customer.view';
import { ApiProblems, ApiTraceHeaders, BODY_PROBLEMS, CustomerResponse, customerHeaders } from '../http/api-docs';
import { type CommandResponse, customerAfterWrite, customerIdParam, ifMatchVersion, sendCustomer } from '../http/customer-http';
import { CommandMetadata, RequestTraceInterceptor } from '../http/request-trace';

/** The body of `POST /v1/customers/{id}/enrich` (optional as a whole). */
export class EnrichCompanyBody {
  @ApiPropertyOptional({ default: false, description: 'Replace filled fields with the registry\'s values too (the name included).' })
  @IsOptional()
  @IsBoolean()
  readonly overwrite?: boolean;
}

/** `POST /v1/customers/{id}/enrich`: EnrichCompany from the company registries. */
@ApiTags('customers')
@Controller('v1/customers')
@UseInterceptors(RequestTraceInterceptor)
export class EnrichCompanyController {
  constructor(
    private readonly commands: CustomerCommandHandler,
    private readonly reader: CustomerReader,
    private readonly registry: CompanyRegistryLookup,
  ) {}

  @Post(':id/enrich')
  @HttpCode(200)
  @Idempotent()
  @ApiOperation({
    summary: 'Fill a company\'s fields from the company registries',
    description:
      'Looks the company\'s enterpriseNumber up (Belgium: KBO, then VIES; the Netherlands: KvK, then VIES; the registry ' +
      'follows the company\'s country, else the number) and fills the empty fields: vatNumber, and the address when the ' +
      'company has none (the address is one field). With overwrite, the registry\'s values replace the current ones, the ' +
      'name included. The CompanyEnriched event records the source and each field\'s old and new value (see the history); ' +
      'when nothing differs, nothing is recorded and the customer is returned as it is.',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiHeader({ name: 'If-Match', required: false, description: 'The ETag the request is based on, e.g. "3".' })
  @ApiTraceHeaders()
  @ApiBody({ type: EnrichCompanyBody, required: false })
  @ApiOkResponse({ type: CustomerResponse, description: 'The customer afterwards.', headers: customerHeaders(false) })
  @ApiProblems({
    ...BODY_PROBLEMS,
    404: 'No such customer in this organization.',
    409: 'A person (CUSTOMER.NOT_A_COMPANY), an archived customer (CUSTOMER.ARCHIVED), CUSTOMER.CONCURRENT_CHANGE, or an Idempotency-Key conflict.',
    410: 'The customer was forgotten.',
    412: 'If-Match names an older version (CUSTOMER.VERSION_MISMATCH).',
    422: 'No enterprise number, no registry for the company\'s country (CUSTOMER.NOT_ENRICHABLE), or no registry knows the number (CUSTOMER.ENTERPRISE_NOT_IN_REGISTRY).',
    503: 'No registry could answer now; nothing changed. Retry-After says when to try again (REGISTRY.UNAVAILABLE).',
  })
  async enrich(
    @Param('id') id: string,
    @Body() body: EnrichCompanyBody | undefined,
    @Headers('if-match') ifMatch: string | undefined,
    @Tenant() tenant: TenantContext,
    @CommandMetadata() meta: CommandMeta,
    @Res({ passthrough: true }) response: CommandResponse,
  ): Promise<CustomerView> {
    const customerId = customerIdParam(id);
    const ifVersion = ifMatchVersion(ifMatch);
    const organization = tenant.organizationId;
    const company = await this.enrichable(organization, customerId);
    const record = await this.registry.find(company.enterpriseNumber as string, company.country, company.language);
    await this.commands.execute(
      organization,
      { type: 'EnrichCompany', customerId, suggestion: suggestionFrom(record), overwrite: body?.overwrite ?? false },
      meta,
      { ifVersion },
    );
    return sendCustomer(response, await customerAfterWrite(this.reader, organization, customerId));
  }

  /** Refuses what the decider would refuse before asking a registry, so a person or an archive costs no lookup. */
  private async enrichable(organization: string, customerId: string): Promise<CustomerView> {
    const customer = await this.reader.byId(organization, customerId);
    if (!customer) throw new CustomerNotFoundError(customerId);
    if (customer.status === 'forgotten') throw new CustomerForgottenError(customerId);
    if (customer.status === 'archived') throw new CustomerArchivedError(customerId);
    if (customer.type !== 'company') throw new CustomerNotACompanyError(customerId);
    if (isBlank(customer.enterpriseNumber)) {
      throw new CompanyNotEnrichableError(customerId, 'NO_ENTERPRISE_NUMBER', `Company ${customerId} has no enterprise number to look up`);
    }
    if (!registryCountryOf(customer.enterpriseNumber, customer.country)) {
      throw new CompanyNotEnrichableError(
        customerId,
        'NO_REGISTRY',
        `No registry for company ${customerId}: only Belgian and Dutch companies are looked up (country ${customer.country ?? 'unknown'})`,
      );
    }
    return customer;
  }
}
