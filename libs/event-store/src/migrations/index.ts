import type { SchemaMigrations } from '@cm/platform';
import * as eventStore from './2026-11-25T00-00-event-store';

export const eventStoreMigrations: SchemaMigrations = {
  schema: 'event_store',
  migrations: { '2026-11-25T00-00-event-store': eventStore },
};
