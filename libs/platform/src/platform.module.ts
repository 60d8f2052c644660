import { type DynamicModule, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { ApiKeyGuard } from './auth/api-key.guard';
import { ApiKeyService } from './auth/api-key.service';
import { OrganizationService } from './auth/organization.service';
import type { AppConfig } from './config/app-config';
import { Database } from './database/database';
import { HealthController } from './health/health.controller';
import { ProblemDetailsFilter } from './http/problem-details.filter';
import { createValidationPipe } from './http/validation';

/** Injection token of the {@link AppConfig} (an interface, so it needs one): `@Inject(APP_CONFIG)`. */
export const APP_CONFIG = Symbol('AppConfig');

const SHUTDOWN = Symbol('PlatformShutdown');

export interface PlatformModuleOptions {
  /** Owned by the caller: the module never closes it (tests drop their database themselves). */
  readonly database: Database;
  readonly config: AppConfig;
  /** Runs once the HTTP server has stopped: close the database, stop an embedded server. */
  readonly onShutdown?: () => Promise<void>;
}

@Injectable()
class PlatformShutdown implements OnApplicationShutdown {
  constructor(@Inject(SHUTDOWN) private readonly onShutdown: (() => Promise<void>) | undefined) {}

  async onApplicationShutdown(): Promise<void> {
    await this.onShutdown?.();
  }
}

/**
 * The platform for every context module: the {@link Database}, the config
 * ({@link APP_CONFIG}), organizations and API keys, and the HTTP rules (API key guard
 * on `/v1`, problem+json errors, input validation), plus `GET /health`. Global, so
 * context modules inject these without importing it.
 */
@Module({})
export class PlatformModule {
  static forRoot(options: PlatformModuleOptions): DynamicModule {
    return {
      module: PlatformModule,
      global: true,
      controllers: [HealthController],
      providers: [
        { provide: Database, useValue: options.database },
        { provide: APP_CONFIG, useValue: options.config },
        { provide: OrganizationService, useFactory: (db: Database) => new OrganizationService(db), inject: [Database] },
        { provide: ApiKeyService, useFactory: (db: Database) => new ApiKeyService(db), inject: [Database] },
        { provide: APP_GUARD, useClass: ApiKeyGuard },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        { provide: APP_PIPE, useFactory: createValidationPipe },
        { provide: SHUTDOWN, useValue: options.onShutdown },
        PlatformShutdown,
      ],
      exports: [Database, APP_CONFIG, OrganizationService, ApiKeyService],
    };
  }
}
