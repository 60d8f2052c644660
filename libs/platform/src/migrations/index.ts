import type { SchemaMigrations } from '../database/migrations';
import * as platform from './2026-11-25T00-00-platform';
import * as idempotencyKeys from './2026-11-25T04-00-idempotency-keys';

/** Schema `platform`: organizations, API keys and the HTTP API's idempotency keys. */
export const platformMigrations: SchemaMigrations = {
  schema: 'platform',
  migrations: {
    '2026-11-25T00-00-platform': platform,
    '2026-11-25T04-00-idempotency-keys': idempotencyKeys,
  },
};
