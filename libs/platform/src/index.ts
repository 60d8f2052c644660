export * from './config/app-config';
export * from './database/database';
export * from './database/migrations';
export { startEmbeddedPostgres, type EmbeddedDatabase } from './database/embedded-postgres';
export * from './config/master-key';
export { platformMigrations } from './migrations';
export * from './auth/tenant-context';
export * from './auth/auth.types';
export * from './auth/auth.errors';
export { API_KEY_PREFIX, hashApiKey, isWellFormedApiKey } from './auth/api-key';
export { assertValidOrganizationName } from './auth/organization-name';
export { OrganizationService } from './auth/organization.service';
export { ApiKeyService, type ApiKeyServiceOptions } from './auth/api-key.service';
export {
  ensureDefaultOrganization,
  DEFAULT_ORGANIZATION_NAME,
  API_KEY_FILE_NAME,
  type DefaultOrganization,
  type FirstStartLogger,
} from './auth/default-organization';
