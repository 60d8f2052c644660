import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import {
  ADDRESS_LINE_MAX_LENGTH,
  CITY_MAX_LENGTH,
  CUSTOMER_NUMBER_MAX_LENGTH,
  EMAIL_MAX_LENGTH,
  ENTERPRISE_NUMBER_MAX_LENGTH,
  LANGUAGES,
  NAME_MAX_LENGTH,
  ZIP_MAX_LENGTH,
} from '../../domain';
import { AgreesWithAliases, IsNullableString } from './customer-body.validators';

/** The kinds of customer a body may name. */
export const CUSTOMER_TYPES = ['person', 'company'] as const;
export type CustomerType = (typeof CUSTOMER_TYPES)[number];

const text = (description: string, extra: { maxLength?: number; example?: string } = {}) =>
  ApiPropertyOptional({ type: String, nullable: true, description, ...extra });
const alias = (of: string) => ApiPropertyOptional({ type: String, nullable: true, description: `Twikey spelling of \`${of}\`.` });

/**
 * The customer fields of a request body, with the Twikey spellings next to the
 * canonical ones. Only types are checked here (every bad one reported at once);
 * formats, lengths and the rules between fields are the deciders' job, which
 * report every bad field at once too. Unknown properties are refused by the
 * platform's validation pipe. What a missing key or `null` means depends on the
 * endpoint (create: empty; change: unchanged or cleared).
 */
export class CustomerFieldsBody {
  @ApiPropertyOptional({
    enum: CUSTOMER_TYPES,
    nullable: true,
    description: 'person or company. When absent, the customer is a company exactly when companyName is given.',
  })
  @IsOptional()
  @IsIn(CUSTOMER_TYPES)
  readonly type?: CustomerType | null;

  @text('The deduplication key, unique per organization.', { maxLength: CUSTOMER_NUMBER_MAX_LENGTH, example: 'C-1001' })
  @IsNullableString()
  readonly customerNumber?: string | null;

  @text('First name (of the person, or of a company\'s contact person).', { maxLength: NAME_MAX_LENGTH, example: 'Jérôme' })
  @IsNullableString()
  @AgreesWithAliases(['firstname'])
  readonly firstName?: string | null;

  @alias('firstName')
  @IsNullableString()
  readonly firstname?: string | null;

  @text('Last name.', { maxLength: NAME_MAX_LENGTH, example: 'Peeters' })
  @IsNullableString()
  @AgreesWithAliases(['lastname'])
  readonly lastName?: string | null;

  @alias('lastName')
  @IsNullableString()
  readonly lastname?: string | null;

  @text('Company name; makes the customer a company.', { maxLength: NAME_MAX_LENGTH, example: 'Acme NV' })
  @IsNullableString()
  readonly companyName?: string | null;

  @text('Enterprise (chamber of commerce) number, companies only; stored without dots or spaces.', {
    maxLength: ENTERPRISE_NUMBER_MAX_LENGTH,
    example: '0403.019.261',
  })
  @IsNullableString()
  @AgreesWithAliases(['coc'])
  readonly enterpriseNumber?: string | null;

  @alias('enterpriseNumber')
  @IsNullableString()
  readonly coc?: string | null;

  @text('VAT number, companies only.', { example: 'BE0403019261' })
  @IsNullableString()
  @AgreesWithAliases(['vatno'])
  readonly vatNumber?: string | null;

  @alias('vatNumber')
  @IsNullableString()
  readonly vatno?: string | null;

  @text('E-mail address.', { maxLength: EMAIL_MAX_LENGTH, example: 'jerome@example.com' })
  @IsNullableString()
  readonly email?: string | null;

  @text('Mobile number in international format.', { example: '+32470123456' })
  @IsNullableString()
  readonly mobile?: string | null;

  @text(`Language: one of ${LANGUAGES.join(', ')}, or a locale of one (nl_nl, fr-BE); empty means en.`, { example: 'nl' })
  @IsNullableString()
  @AgreesWithAliases(['lang', 'l'])
  readonly language?: string | null;

  @alias('language')
  @IsNullableString()
  readonly lang?: string | null;

  @alias('language')
  @IsNullableString()
  readonly l?: string | null;

  @text('Street and number. address, zip, city and country are one address: they are given, and change, together.', {
    maxLength: ADDRESS_LINE_MAX_LENGTH,
    example: 'Kerkstraat 1',
  })
  @IsNullableString()
  readonly address?: string | null;

  @text('Postal code (part of the address).', { maxLength: ZIP_MAX_LENGTH, example: '9000' })
  @IsNullableString()
  readonly zip?: string | null;

  @text('City (part of the address).', { maxLength: CITY_MAX_LENGTH, example: 'Gent' })
  @IsNullableString()
  readonly city?: string | null;

  @text('ISO 3166-1 alpha-2 country code (part of the address).', { maxLength: 2, example: 'BE' })
  @IsNullableString()
  readonly country?: string | null;
}
