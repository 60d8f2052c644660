import type { CustomerState, ExistingCustomer } from '../domain/customer.state';
import type { Language } from '../domain/value-objects';

/** A row of `customer.customers`. */
export interface CustomerRow {
  readonly tenant_id: string;
  readonly id: string;
  readonly type: 'person' | 'company';
  readonly status: 'active' | 'archived' | 'forgotten';
  readonly customer_number: string | null;
  readonly first_name: string | null;
  readonly last_name: string | null;
  readonly company_name: string | null;
  readonly enterprise_number: string | null;
  readonly vat_number: string | null;
  readonly email: string | null;
  readonly mobile: string | null;
  readonly language: string;
  readonly address: string | null;
  readonly zip: string | null;
  readonly city: string | null;
  readonly country: string | null;
  readonly version: number;
  readonly created_at: Date;
  readonly updated_at: Date;
}

export const CUSTOMER_COLUMNS = [
  'tenant_id', 'id', 'type', 'status', 'customer_number', 'first_name', 'last_name', 'company_name',
  'enterprise_number', 'vat_number', 'email', 'mobile', 'language', 'address', 'zip', 'city', 'country',
  'version', 'created_at', 'updated_at',
] as const;

/** The domain state a row describes (to evolve it further). */
export function stateFromRow(row: CustomerRow): ExistingCustomer {
  const common = {
    customerId: row.id,
    status: row.status,
    customerNumber: row.customer_number,
    firstName: row.first_name,
    lastName: row.last_name,
    email: row.email,
    mobile: row.mobile,
    language: row.language as Language,
    address: row.address,
    zip: row.zip,
    city: row.city,
    country: row.country as ExistingCustomer['country'],
  };
  return row.type === 'company'
    ? { ...common, kind: 'company', companyName: row.company_name ?? '', enterpriseNumber: row.enterprise_number, vatNumber: row.vat_number }
    : { ...common, kind: 'person' };
}

/** The row for a state (version and times come from the events). */
export function rowFromState(
  tenant: string,
  state: CustomerState,
  meta: { version: number; createdAt: Date; updatedAt: Date },
): CustomerRow | undefined {
  if (state.kind === 'none') return undefined;
  return {
    tenant_id: tenant,
    id: state.customerId,
    type: state.kind,
    status: state.status,
    customer_number: state.customerNumber,
    first_name: state.firstName,
    last_name: state.lastName,
    company_name: state.kind === 'company' ? state.companyName : null,
    enterprise_number: state.kind === 'company' ? state.enterpriseNumber : null,
    vat_number: state.kind === 'company' ? state.vatNumber : null,
    email: state.email,
    mobile: state.mobile,
    language: state.language,
    address: state.address,
    zip: state.zip,
    city: state.city,
    country: state.country,
    version: meta.version,
    created_at: meta.createdAt,
    updated_at: meta.updatedAt,
  };
}
