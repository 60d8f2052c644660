import type { SchemaMigrations } from '@cm/platform';
import * as kbo from './2026-11-26T00-00-kbo';

/** The KBO open data, in its own schema. */
export const kboMigrations: SchemaMigrations = {
  schema: 'kbo',
  migrations: { '2026-11-26T00-00-kbo': kbo },
};
