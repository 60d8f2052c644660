import {
  ApiKeyService,
  type AppConfig,
  createDatabase,
  type Database,
  type EmbeddedDatabase,
  loadConfig,
  migrateToLatest,
  OrganizationService,
  platformMigrations,
  resolveMasterKey,
  startEmbeddedPostgres,
} from '@cm/platform';
import {
  ChangeNotifier,
  EventStore,
  eventStoreMigrations,
  type Projection,
  ProjectionRebuilder,
  projectionSubscription,
  SubscriptionManager,
} from '@cm/event-store';
import { companyRegistryMigrations } from '@cm/company-registry';
import { customerMigrations } from '@cm/customer';
import { cliProjections } from './projections';

/** What a command works with. The event store pieces are built on first use. */
export interface CliContext {
  readonly config: AppConfig;
  readonly database: Database;
  readonly organizations: OrganizationService;
  readonly apiKeys: ApiKeyService;
  /** Every registered projection, by name. */
  readonly projections: ReadonlyMap<string, Projection>;
  eventStore(): EventStore;
  /** Registered like the API's, but never started here: the CLI reads and steers, the API consumes. */
  subscriptions(): SubscriptionManager;
  rebuilder(): ProjectionRebuilder;
}

export interface CliOptions {
  readonly verbose: boolean;
}

/** Runs one command against the database, then releases everything so the process can exit. */
export type WithContext = (work: (context: CliContext) => Promise<void>) => Promise<void>;

/** A stopped embedded server can hang on a missed exit event: give up waiting after this long. */
const STOP_TIMEOUT_MS = 5000;

export async function withCliContext(options: CliOptions, work: (context: CliContext) => Promise<void>): Promise<void> {
  const config = loadConfig();
  const debug = (line: string) => options.verbose && process.stderr.write(`[debug] ${line}\n`);

  let embedded: EmbeddedDatabase | undefined;
  let url = config.databaseUrl;
  if (!url) {
    // Reuses the server the API started on the same data directory; starts one otherwise.
    embedded = await startEmbeddedPostgres(config.dataDir, (line) => debug(`postgres: ${line}`));
    debug(embedded.startedHere ? `started embedded PostgreSQL in ${config.dataDir}` : `using the embedded PostgreSQL already running in ${config.dataDir}`);
    url = embedded.url;
  }

  const database = createDatabase({ url, poolSize: Math.min(config.poolSize, 4), applicationName: 'cli' });
  try {
    const applied = await migrateToLatest(database.db, [platformMigrations, eventStoreMigrations, customerMigrations, ...companyRegistryMigrations]);
    for (const migration of applied) debug(`applied migration ${migration}`);
    await work(buildContext(config, database));
  } finally {
    await database.close().catch(() => undefined);
    // Only a server this process started is stopped; one the API started keeps running.
    if (embedded?.startedHere) await Promise.race([embedded.stop(), delay(STOP_TIMEOUT_MS)]).catch(() => undefined);
  }
}

function buildContext(config: AppConfig, database: Database): CliContext {
  const projections = new Map(cliProjections().map((p) => [p.name, p] as const));
  let store: EventStore | undefined;
  let manager: SubscriptionManager | undefined;
  let rebuilder: ProjectionRebuilder | undefined;
  const eventStore = (): EventStore =>
    (store ??= new EventStore({
      db: database.db,
      pool: database.pool,
      masterKey: resolveMasterKey(config).key,
      notifier: new ChangeNotifier(database.pool),
    }));
  return {
    config,
    database,
    organizations: new OrganizationService(database),
    apiKeys: new ApiKeyService(database),
    projections,
    eventStore,
    subscriptions: () => {
      if (!manager) {
        manager = new SubscriptionManager(eventStore(), database.pool, database.url);
        for (const projection of projections.values()) if (!projection.inline) manager.register(projectionSubscription(projection));
      }
      return manager;
    },
    rebuilder: () => (rebuilder ??= new ProjectionRebuilder(eventStore())),
  };
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());
