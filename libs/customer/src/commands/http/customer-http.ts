import { ProblemCodes, ProblemException } from '@cm/platform';
import { isCustomerId } from '../../application/customer-id';
import { CustomerNotFoundError } from '../../domain';
import type { CustomerReader } from '../../queries/customer-reader';
import type { CustomerView } from '../../queries/customer.view';

/** What the command controllers set on a response (Express's types are not a dependency). */
export interface CommandResponse {
  statusCode: number;
  setHeader(name: string, value: string): unknown;
}

/** The customer's URL, as `Location` gives it. */
export const customerLocation = (id: string): string => `/v1/customers/${id}`;

/** A strong entity tag of the customer's version: `"3"`. */
export const etagOf = (version: number): string => `"${version}"`;

/** A path id that is no UUID names no customer: 404, like an unknown one. */
export function customerIdParam(id: string): string {
  if (!isCustomerId(id)) throw new CustomerNotFoundError(id);
  return id.toLowerCase();
}

/**
 * The version an `If-Match` header asks for: `"3"` (a bare `3` is accepted too);
 * `*` or no header ask for none. Weak tags never match (RFC 9110 compares strongly).
 * @throws ProblemException 400 for anything else
 */
export function ifMatchVersion(header: string | undefined): number | undefined {
  if (header === undefined || header.trim() === '*') return undefined;
  const match = /^\s*(?:"(\d{1,9})"|(\d{1,9}))\s*$/.exec(header);
  if (!match) {
    throw new ProblemException({
      status: 400,
      code: ProblemCodes.VALIDATION_FAILED,
      title: 'Validation failed',
      detail: 'If-Match must be one entity tag of this API, e.g. "3" (the ETag of the customer).',
      extensions: { errors: [{ field: 'If-Match', code: 'invalidEntityTag', message: 'Expected an ETag such as "3"' }] },
    });
  }
  return Number(match[1] ?? match[2]);
}

/** The customer as stored right after a write. */
export async function customerAfterWrite(reader: CustomerReader, tenant: string, id: string): Promise<CustomerView> {
  const view = await reader.byId(tenant, id);
  // The read model is written in the append's transaction, so this is a bug, not a race.
  if (!view) throw new Error(`customer ${id} is missing from the read model after a write`);
  return view;
}

/** Sets `ETag` (and `Location` on a 201) and the status; returns the body. */
export function sendCustomer(response: CommandResponse, view: CustomerView, status: 200 | 201 = 200): CustomerView {
  response.statusCode = status;
  response.setHeader('ETag', etagOf(view.version));
  if (status === 201) response.setHeader('Location', customerLocation(view.id));
  return view;
}
