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
export { ApiKeyGuard } from './auth/api-key.guard';
export { Tenant } from './auth/tenant.decorator';
export * from './http/problem';
export { toProblem, type ProblemResponse } from './http/problem-mapping';
export { ProblemDetailsFilter } from './http/problem-details.filter';
export { createValidationPipe, flattenValidationErrors, type FieldError } from './http/validation';
export { MAX_BODY_BYTES } from './http/json-body';
export { configurePlatformHttp } from './http/configure-http';
export { HealthController, type HealthReport } from './health/health.controller';
export { checkDatabase, type DatabaseHealth } from './health/database-health';
export { PlatformModule, APP_CONFIG, type PlatformModuleOptions } from './platform.module';
export { Idempotent } from './idempotency/idempotent.decorator';
export {
  IdempotencyInterceptor,
  IdempotencyProblemCodes,
  IDEMPOTENCY_KEY_HEADER,
  IDEMPOTENT_REPLAYED_HEADER,
} from './idempotency/idempotency.interceptor';
export { IdempotencyStore, type ClaimOutcome, type IdempotencyTimings, type StoredResponse } from './idempotency/idempotency.store';
export { canonicalJson, requestFingerprint } from './idempotency/request-fingerprint';
export { ApiProblems, Problem } from './http/api-problems';
