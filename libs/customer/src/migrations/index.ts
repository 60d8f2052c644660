import type { SchemaMigrations } from '@cm/platform';
import * as customers from './2026-11-25T02-00-customers';
import * as listIndexes from './2026-11-25T06-00-customer-list-indexes';

export const customerMigrations: SchemaMigrations = {
  schema: 'customer',
  migrations: {
    '2026-11-25T02-00-customers': customers,
    '2026-11-25T06-00-customer-list-indexes': listIndexes,
  },
};
