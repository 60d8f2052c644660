import type { SchemaMigrations } from '@cm/platform';
import * as customers from './2026-11-25T02-00-customers';

export const customerMigrations: SchemaMigrations = {
  schema: 'customer',
  migrations: { '2026-11-25T02-00-customers': customers },
};
