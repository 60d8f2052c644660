import { type BeforeApplicationShutdown, type DynamicModule, Inject, Injectable, Module, type OnApplicationBootstrap } from '@nestjs/common';
import type { Database } from '@cm/platform';
import { auditLogProjection } from '../audit/audit-log.projection';
import { EventStore } from '../event-store';
import { projectionSubscription } from '../projections/projection-handler';
import { ProjectionRebuilder } from '../projections/projection-rebuilder';
import type { InlineProjection, Projection } from '../projections/projection.types';
import { ChangeNotifier } from '../subscriptions/change-notifier';
import type { SubscriptionHandler, SubscriptionOptions } from '../subscriptions/subscription-handler';
import { DEFAULT_SUBSCRIPTION_OPTIONS } from '../subscriptions/subscription-handler';
import { SubscriptionManager } from '../subscriptions/subscription-manager';
import type { Upcaster } from '../upcasting/upcasters';

export interface EventStoreModuleOptions {
  readonly database: Database;
  readonly masterKey: Buffer;
  /** Read models built by durable subscriptions (rebuildable from the CLI). */
  readonly projections?: readonly Projection[];
  /** Other durable reactions (e.g. another module consuming published events). */
  readonly subscriptions?: readonly SubscriptionHandler[];
  readonly inlineProjections?: readonly InlineProjection[];
  readonly upcasters?: readonly Upcaster[];
  /** Consume subscriptions in this process: the API does, one-shot CLI commands do not. */
  readonly runSubscriptions?: boolean;
  readonly subscriptionOptions?: Partial<SubscriptionOptions>;
}

const isProjection = (p: InlineProjection | Projection): p is Projection => 'tables' in p;

/** Every rebuildable projection, by name. */
export const PROJECTIONS = Symbol('PROJECTIONS');
const OPTIONS = Symbol('EVENT_STORE_OPTIONS');

@Injectable()
class SubscriptionLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(
    private readonly manager: SubscriptionManager,
    @Inject(OPTIONS) private readonly options: EventStoreModuleOptions,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.options.runSubscriptions) await this.manager.start();
  }

  /** Before any module's shutdown hook: consumers stop while the database is still open. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.manager.stop();
  }
}

/** The event store, its subscriptions and projections, for a Nest application. */
@Module({})
export class EventStoreModule {
  static forRoot(options: EventStoreModuleOptions): DynamicModule {
    const projections = [auditLogProjection, ...(options.projections ?? [])];
    // Inline projections that own tables are rebuildable too.
    const rebuildable = [...projections, ...(options.inlineProjections ?? []).filter(isProjection)];
    return {
      module: EventStoreModule,
      global: true,
      providers: [
        { provide: OPTIONS, useValue: options },
        { provide: PROJECTIONS, useValue: new Map(rebuildable.map((p) => [p.name, p])) },
        {
          provide: EventStore,
          useFactory: () =>
            new EventStore({
              db: options.database.db,
              pool: options.database.pool,
              masterKey: options.masterKey,
              notifier: new ChangeNotifier(options.database.pool),
              upcasters: options.upcasters,
              inlineProjections: options.inlineProjections,
            }),
        },
        {
          provide: SubscriptionManager,
          inject: [EventStore],
          useFactory: (store: EventStore) => {
            const manager = new SubscriptionManager(store, options.database.pool, options.database.url, {
              ...DEFAULT_SUBSCRIPTION_OPTIONS,
              ...options.subscriptionOptions,
            });
            for (const projection of projections) manager.register(projectionSubscription(projection));
            for (const handler of options.subscriptions ?? []) manager.register(handler);
            return manager;
          },
        },
        { provide: ProjectionRebuilder, inject: [EventStore], useFactory: (store: EventStore) => new ProjectionRebuilder(store) },
        SubscriptionLifecycle,
      ],
      exports: [EventStore, SubscriptionManager, ProjectionRebuilder, PROJECTIONS],
    };
  }
}
