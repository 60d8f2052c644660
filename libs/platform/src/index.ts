export * from './config/app-config';
export * from './database/database';
export * from './database/migrations';
export { startEmbeddedPostgres, type EmbeddedDatabase } from './database/embedded-postgres';
export * from './config/master-key';
