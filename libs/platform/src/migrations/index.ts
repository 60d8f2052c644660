import type { SchemaMigrations } from '../database/migrations';
import * as platform from './2026-11-25T00-00-platform';

/** Schema `platform`: organizations and API keys. */
export const platformMigrations: SchemaMigrations = {
  schema: 'platform',
  migrations: { '2026-11-25T00-00-platform': platform },
};
