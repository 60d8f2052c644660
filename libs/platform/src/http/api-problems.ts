import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiProperty, ApiPropertyOptional, ApiResponse, getSchemaPath } from '@nestjs/swagger';

class ProblemFieldError {
  @ApiProperty({ example: 'email' }) readonly field!: string;
  @ApiProperty({ example: 'INVALID_FORMAT' }) readonly code!: string;
  @ApiProperty() readonly message!: string;
}

/** An RFC 9457 problem document as the platform writes it; a problem's own members (e.g. `existingCustomerId`) come beside these. */
export class Problem {
  @ApiProperty({ example: 'urn:problem:CUSTOMER.NUMBER_TAKEN' }) readonly type!: string;
  @ApiProperty() readonly title!: string;
  @ApiProperty() readonly status!: number;
  @ApiProperty() readonly detail!: string;
  @ApiProperty() readonly instance!: string;
  @ApiPropertyOptional({ description: 'Stable, machine-readable.', example: 'CUSTOMER.NUMBER_TAKEN' }) readonly code?: string;
  @ApiPropertyOptional({ type: [ProblemFieldError], description: 'Every invalid field (400).' }) readonly errors?: ProblemFieldError[];
}

/** Error responses of an operation, each as application/problem+json. */
export function ApiProblems(responses: Readonly<Record<number, string>>): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiExtraModels(Problem),
    ...Object.entries(responses).map(([status, description]) =>
      ApiResponse({ status: Number(status), description, content: { 'application/problem+json': { schema: { $ref: getSchemaPath(Problem) } } } }),
    ),
  );
}

