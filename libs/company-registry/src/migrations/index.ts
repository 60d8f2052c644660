import type { SchemaMigrations } from '@cm/platform';
import { kboMigrations } from '../kbo/migrations';
import * as viesVerdicts from './2026-11-26T00-00-vies-verdicts';

/** The registry's own state (the VIES verdict cache). */
const registryMigrations: SchemaMigrations = {
  schema: 'company_registry',
  migrations: { '2026-11-26T00-00-vies-verdicts': viesVerdicts },
};

/** Every schema of the company registry, in order. */
export const companyRegistryMigrations: readonly SchemaMigrations[] = [registryMigrations, kboMigrations];
