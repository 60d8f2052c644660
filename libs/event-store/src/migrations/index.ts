import type { SchemaMigrations } from '@cm/platform';
import * as auditLog from './2026-11-25T01-00-audit-log';
import * as eventStore from './2026-11-25T00-00-event-store';

export const eventStoreMigrations: SchemaMigrations = {
  schema: 'event_store',
  migrations: {
    '2026-11-25T00-00-event-store': eventStore,
    '2026-11-25T01-00-audit-log': auditLog,
  },
};
