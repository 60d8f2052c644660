import { type DynamicModule, type ForwardReference, Module, type Type } from '@nestjs/common';
import { EventStoreModule, type EventStoreModuleOptions } from '@cm/event-store';
import { type AppConfig, type Database, PlatformModule, resolveMasterKey } from '@cm/platform';

/** Anything Nest accepts in `imports`. */
export type ContextModule = Type<unknown> | DynamicModule | Promise<DynamicModule> | ForwardReference;

export interface AppModuleOptions {
  readonly database: Database;
  readonly config: AppConfig;
  /** Bounded-context modules, each bringing its own controllers under `/v1`. */
  readonly contexts: readonly ContextModule[];
  /** Runs after the HTTP server stopped (see {@link PlatformModule}). */
  readonly onShutdown?: () => Promise<void>;
  /** Projections and subscriptions the contexts contribute; the API runs them. */
  readonly eventStore?: Omit<EventStoreModuleOptions, 'database' | 'masterKey'>;
}

/** The REST app: the platform plus the context modules it composes. */
@Module({})
export class AppModule {
  static register({ database, config, contexts, onShutdown, eventStore }: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformModule.forRoot({ database, config, onShutdown }),
        EventStoreModule.forRoot({ runSubscriptions: true, ...eventStore, database, masterKey: resolveMasterKey(config).key }),
        ...contexts,
      ],
    };
  }
}
