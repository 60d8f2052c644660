import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { ApiProblems } from '@cm/platform';
import { CompanyRegistryFacade } from '../../company-registry.facade';
import type { CompanyRecord, RegistryLanguage } from '../../domain/company-record';

const LANGUAGES: readonly RegistryLanguage[] = ['nl', 'fr', 'de', 'en'];

/** The query parameters of `GET /v1/enterprises/{country}/{number}`. */
export class FindEnterpriseParams {
  @ApiPropertyOptional({ enum: LANGUAGES, default: 'nl', description: 'Language of the name and address where the registry has several (KBO: Dutch and French).' })
  @IsOptional()
  @IsIn(LANGUAGES)
  readonly language?: RegistryLanguage;
}

/** The OpenAPI schema of a {@link CompanyRecord}. */
export class EnterpriseResponse implements CompanyRecord {
  @ApiProperty({ enum: ['BE', 'NL'] }) readonly country!: 'BE' | 'NL';
  @ApiProperty({ type: String, nullable: true, description: 'Belgian enterprise number (10 digits) or Dutch KvK number (8 digits).', example: '0403019261' })
  readonly enterpriseNumber!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'BE0403019261' }) readonly vatNumber!: string | null;
  @ApiProperty({ type: String, nullable: true }) readonly companyName!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Street, number and box. Null when the registry shields it.' }) readonly address!: string | null;
  @ApiProperty({ type: String, nullable: true }) readonly zip!: string | null;
  @ApiProperty({ type: String, nullable: true }) readonly city!: string | null;
  @ApiProperty({ enum: ['kbo', 'vies', 'kvk'], description: 'The registry that answered.' }) readonly source!: 'kbo' | 'vies' | 'kvk';
  @ApiProperty({ format: 'date-time', description: 'When the source produced the data: the KBO extract\'s snapshot date, or the time of a live request.' })
  readonly retrievedAt!: string;
}

@ApiTags('enterprises')
@Controller('v1/enterprises')
export class FindEnterpriseController {
  constructor(private readonly registry: CompanyRegistryFacade) {}

  @Get(':country/:number')
  @ApiOperation({
    summary: 'Look up a Belgian or Dutch company by its number (the "magic wand")',
    description:
      'Belgium: the enterprise number or VAT number (dots, spaces and a BE prefix are fine; 9 digits get a leading 0), looked up ' +
      'in the loaded KBO open data, then in VIES. The Netherlands: the KvK number (8 digits) at the KvK, or a VAT number in VIES. ' +
      'The number is checked first (length, check digits, country): an invalid number is never looked up.',
  })
  @ApiParam({ name: 'country', enum: ['BE', 'NL'], description: 'ISO 3166-1 alpha-2, any case.' })
  @ApiParam({ name: 'number', example: '0403.019.261' })
  @ApiOkResponse({ type: EnterpriseResponse })
  @ApiProblems({
    400: 'The number cannot be one of that country: `reason` is COUNTRY, LENGTH, FORMAT or CHECKSUM (REGISTRY.INVALID_NUMBER).',
    401: 'Missing or invalid API key.',
    404: 'No registry knows the company (REGISTRY.ENTERPRISE_NOT_FOUND).',
    503: 'No registry could answer now; Retry-After says when to try again (REGISTRY.UNAVAILABLE).',
  })
  find(@Param('country') country: string, @Param('number') number: string, @Query() params: FindEnterpriseParams): Promise<CompanyRecord> {
    return this.registry.find(country, number, params.language);
  }
}
