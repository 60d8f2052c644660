import { Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, Database } from '@cm/platform';
import { CompanyLookup } from './application/company-lookup';
import { CompanyRegistryFacade } from './company-registry.facade';
import { KboCompanySource } from './kbo/lookup/kbo-company-source';
import { KvkClient } from './kvk/kvk-client';
import { KvkCompanySource } from './kvk/kvk-company-source';
import { FindEnterpriseController } from './queries/find-enterprise/find-enterprise.http';
import { ViesClient } from './vies/vies-client';
import { ViesCompanySource } from './vies/vies-company-source';
import { ViesVerdictCache } from './vies/vies-verdict-cache';

/** Builds the sources from the config, in the order they are asked: Belgium KBO then VIES, the Netherlands KvK then VIES. */
export function createCompanyLookup(config: AppConfig, database: Database): CompanyLookup {
  const { registry } = config;
  const vies = new ViesCompanySource(
    new ViesClient({ baseUrl: registry.viesBaseUrl, requestsPerSecond: registry.viesRequestsPerSecond, timeoutMs: registry.timeoutMs }),
    new ViesVerdictCache(database.db),
    { cacheTtlSeconds: registry.viesCacheTtlSeconds },
  );
  const kvkClient = registry.kvkApiKey
    ? new KvkClient({ baseUrl: registry.kvkBaseUrl, apiKey: registry.kvkApiKey, timeoutMs: registry.timeoutMs })
    : undefined;
  return new CompanyLookup({
    BE: [new KboCompanySource(database.db), vies],
    NL: [new KvkCompanySource(kvkClient), vies],
  });
}

/**
 * The company registry context: the magic wand endpoint and the
 * {@link CompanyRegistryFacade} other contexts use. Needs the platform's
 * Database and config (both global); the app runs `companyRegistryMigrations`.
 */
@Module({
  controllers: [FindEnterpriseController],
  providers: [
    {
      provide: CompanyRegistryFacade,
      inject: [APP_CONFIG, Database],
      useFactory: (config: AppConfig, database: Database) => new CompanyRegistryFacade(createCompanyLookup(config, database)),
    },
  ],
  exports: [CompanyRegistryFacade],
})
export class CompanyRegistryModule {}
