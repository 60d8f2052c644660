import { applyDecorators, HttpCode, Post } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiParam } from '@nestjs/swagger';
import { Idempotent, type TenantContext } from '@cm/platform';
import type { CommandMeta } from '../../application/command-meta';
import type { CustomerCommandHandler } from '../../application/customer-command-handler';
import type { CustomerReader } from '../../queries/customer-reader';
import type { CustomerView } from '../../queries/customer.view';
import { ApiProblems, ApiTraceHeaders, CustomerResponse, customerHeaders } from './api-docs';
import { type CommandResponse, customerAfterWrite, customerIdParam, ifMatchVersion, sendCustomer } from './customer-http';

/** The commands `POST /v1/customers/{id}/<action>` runs: no body, only the id. */
export type StatusCommandType = 'ArchiveCustomer' | 'RestoreCustomer' | 'ForgetCustomer';

/** Route and OpenAPI description of a body-less status command. */
export function StatusCommandRoute(action: string, summary: string, description: string): MethodDecorator {
  return applyDecorators(
    Post(`:id/${action}`),
    HttpCode(200),
    Idempotent(),
    ApiOperation({ summary, description }),
    ApiParam({ name: 'id', format: 'uuid' }),
    ApiHeader({ name: 'If-Match', required: false, description: 'The ETag the request is based on, e.g. "3".' }),
    ApiTraceHeaders(),
    ApiOkResponse({ type: CustomerResponse, description: 'The customer afterwards.', headers: customerHeaders(false) }),
    ApiProblems({
      401: 'Missing or invalid API key.',
      404: 'No such customer in this organization.',
      409: 'CUSTOMER.CONCURRENT_CHANGE, or an Idempotency-Key conflict.',
      410: 'The customer was forgotten.',
      412: 'If-Match names an older version (CUSTOMER.VERSION_MISMATCH).',
    }),
  );
}

/** Runs a status command on the customer in the path and answers with the customer afterwards. */
export async function runStatusCommand(
  deps: { readonly commands: CustomerCommandHandler; readonly reader: CustomerReader },
  type: StatusCommandType,
  request: { id: string; ifMatch: string | undefined; tenant: TenantContext; meta: CommandMeta; response: CommandResponse },
): Promise<CustomerView> {
  const customerId = customerIdParam(request.id);
  const ifVersion = ifMatchVersion(request.ifMatch);
  const organization = request.tenant.organizationId;
  await deps.commands.execute(organization, { type, customerId }, request.meta, { ifVersion });
  return sendCustomer(request.response, await customerAfterWrite(deps.reader, organization, customerId));
}
