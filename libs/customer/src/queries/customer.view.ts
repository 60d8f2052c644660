import type { CustomerRow } from '../projections/customer-row';

/** A customer as the API and the facade show it. */
export interface CustomerView {
  readonly id: string;
  readonly type: 'person' | 'company';
  readonly customerNumber: string | null;
  readonly firstName: string | null;
  readonly lastName: string | null;
  readonly companyName: string | null;
  readonly enterpriseNumber: string | null;
  readonly vatNumber: string | null;
  readonly email: string | null;
  readonly mobile: string | null;
  readonly language: string;
  readonly address: string | null;
  readonly zip: string | null;
  readonly city: string | null;
  readonly country: string | null;
  readonly status: 'active' | 'archived' | 'forgotten';
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export function customerView(row: CustomerRow): CustomerView {
  return {
    id: row.id,
    type: row.type,
    customerNumber: row.customer_number,
    firstName: row.first_name,
    lastName: row.last_name,
    companyName: row.company_name,
    enterpriseNumber: row.enterprise_number,
    vatNumber: row.vat_number,
    email: row.email,
    mobile: row.mobile,
    language: row.language,
    address: row.address,
    zip: row.zip,
    city: row.city,
    country: row.country,
    status: row.status,
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
