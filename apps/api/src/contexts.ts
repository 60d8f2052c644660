import { CompanyRegistryModule, companyRegistryMigrations } from '@cm/company-registry';
import { CustomerModule, customerListProjection, customerMigrations } from '@cm/customer';
import { eventStoreMigrations } from '@cm/event-store';
import { platformMigrations, type SchemaMigrations } from '@cm/platform';
import type { AppModuleOptions, ContextModule } from './app.module';

/** The bounded contexts the API serves. A new context adds its module, migrations and projections here. */
export const API_CONTEXTS: readonly ContextModule[] = [CustomerModule, CompanyRegistryModule];

/** Every schema's migrations, in dependency order. */
export const API_MIGRATIONS: readonly SchemaMigrations[] = [
  platformMigrations,
  eventStoreMigrations,
  customerMigrations,
  ...companyRegistryMigrations,
];

/** What the contexts contribute to the event store. */
export const API_EVENT_STORE: NonNullable<AppModuleOptions['eventStore']> = {
  inlineProjections: [customerListProjection],
  projections: [],
  subscriptions: [],
};
