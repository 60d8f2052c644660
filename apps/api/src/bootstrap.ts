import { ConsoleLogger, type LogLevel, type LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import {
  type AppConfig,
  type Database,
  type DefaultOrganization,
  configurePlatformHttp,
  createDatabase,
  ensureDefaultOrganization,
  loadConfig,
  migrateToLatest,
  startEmbeddedPostgres,
} from '@cm/platform';
import { AppModule, type AppModuleOptions, type ContextModule } from './app.module';
import { API_CONTEXTS, API_EVENT_STORE, API_MIGRATIONS } from './contexts';
import { setUpOpenApi } from './openapi';

export interface CreateAppOptions {
  /** Owned by the caller: closing the app does not close it. */
  readonly database: Database;
  readonly config: AppConfig;
  /** More modules next to the API's contexts (tests add controllers this way). */
  readonly extraModules?: readonly ContextModule[];
  readonly logger?: LoggerService | false;
  /** Runs after the HTTP server stopped. */
  readonly onShutdown?: () => Promise<void>;
  /** Extra projections and subscriptions (tests add consumers this way). */
  readonly eventStore?: AppModuleOptions['eventStore'];
}

/**
 * The API as a Nest application, initialised but not listening: `bootstrap()` listens
 * on the configured port, tests on port 0 against their own database.
 */
export async function createApp(options: CreateAppOptions): Promise<NestExpressApplication> {
  const { database, config } = options;
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.register({
      database,
      config,
      contexts: [...API_CONTEXTS, ...(options.extraModules ?? [])],
      onShutdown: options.onShutdown,
      eventStore: mergeEventStore(API_EVENT_STORE, options.eventStore),
    }),
    // The platform installs its own JSON parser, after the API key check (configurePlatformHttp).
    { bodyParser: false, logger: options.logger ?? createLogger(config), abortOnError: false },
  );
  app.disable('x-powered-by');
  configurePlatformHttp(app);
  setUpOpenApi(app);
  await app.init();
  return app;
}

/** The contexts' contributions plus the caller's (tests add consumers). */
function mergeEventStore(
  base: NonNullable<AppModuleOptions['eventStore']>,
  extra: AppModuleOptions['eventStore'] = {},
): NonNullable<AppModuleOptions['eventStore']> {
  return {
    ...base,
    ...extra,
    inlineProjections: [...(base.inlineProjections ?? []), ...(extra.inlineProjections ?? [])],
    projections: [...(base.projections ?? []), ...(extra.projections ?? [])],
    subscriptions: [...(base.subscriptions ?? []), ...(extra.subscriptions ?? [])],
  };
}

/** The levels from `error` up to the configured one. */
export function logLevelsUpTo(level: AppConfig['logLevel']): LogLevel[] {
  const order: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];
  return order.slice(0, order.indexOf(level) + 1);
}

export function createLogger(config: AppConfig): ConsoleLogger {
  return new ConsoleLogger({ json: config.logJson, logLevels: logLevelsUpTo(config.logLevel) });
}

/**
 * Boots the API: config, database (DATABASE_URL or an embedded server under the data
 * directory), migrations, first-start organization and key, then HTTP on the port.
 * @throws ConfigError on a bad environment (main prints it and exits 1)
 */
export async function bootstrap(env: NodeJS.ProcessEnv = process.env): Promise<NestExpressApplication> {
  const started = performance.now();
  const config = loadConfig(env);
  const logger = createLogger(config);
  const log = (message: string): void => logger.log(message, 'Bootstrap');

  let stopEmbedded: (() => Promise<void>) | undefined;
  let url = config.databaseUrl;
  if (!url) {
    const embedded = await startEmbeddedPostgres(config.dataDir, (line) => logger.debug(line, 'Postgres'));
    url = embedded.url;
    if (embedded.startedHere) stopEmbedded = () => embedded.stop();
    log(`embedded PostgreSQL ${embedded.startedHere ? 'started' : 'already running'}, data in ${config.dataDir}`);
  }
  const database = createDatabase({ url, poolSize: config.poolSize, applicationName: 'customer-management-api' });
  const shutdown = async (): Promise<void> => {
    log('HTTP server stopped, closing the database');
    await database.close();
    await stopEmbedded?.();
  };

  try {
    const applied = await migrateToLatest(database.db, API_MIGRATIONS);
    if (applied.length > 0) log(`applied migrations: ${applied.join(', ')}`);
    const first = await ensureDefaultOrganization(database, config.dataDir, {
      log,
      warn: (message) => logger.warn(message, 'Bootstrap'),
    });
    if (first) announceFirstKey(first, config, logger);

    const app = await createApp({ database, config, logger, onShutdown: shutdown });
    app.enableShutdownHooks();
    await app.listen(config.port);
    const address = app.getHttpServer().address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    log(`listening on http://localhost:${port} (API docs: http://localhost:${port}/docs)`);
    log(`started in ${Math.round(performance.now() - started)} ms`);
    return app;
  } catch (error) {
    await shutdown().catch(() => undefined);
    throw error;
  }
}

/** Printed once: the key is stored hashed, so this is the only time it can be read from the API's output. */
function announceFirstKey(first: DefaultOrganization, config: AppConfig, logger: ConsoleLogger): void {
  const stored = first.keyFile ? `Stored in ${first.keyFile} (readable by you only).` : 'It could not be written to a file: copy it now.';
  if (config.logJson) {
    logger.log({ message: 'first start: organization and API key created', organization: first.organizationName, apiKey: first.key, keyFile: first.keyFile }, 'Bootstrap');
    return;
  }
  const lines = [
    `First start: organization "${first.organizationName}" created with this API key:`,
    '',
    `    ${first.key}`,
    '',
    'It is shown only now. Send it as "Authorization: Bearer <key>".',
    stored,
  ];
  const width = Math.max(...lines.map((line) => line.length));
  const box = [
    `┌${'─'.repeat(width + 2)}┐`,
    ...lines.map((line) => `│ ${line.padEnd(width)} │`),
    `└${'─'.repeat(width + 2)}┘`,
  ];
  process.stdout.write(`\n${box.join('\n')}\n\n`);
}
