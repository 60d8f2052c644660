import { Module } from '@nestjs/common';
import { CompanyRegistryFacade, CompanyRegistryModule } from '@cm/company-registry';
import { EventStore } from '@cm/event-store';
import { Database } from '@cm/platform';
import { CompanyRegistryLookup } from './application/company-registry-lookup';
import { CustomerCommandHandler } from './application/customer-command-handler';
import { COMMAND_CONTROLLERS } from './commands/command-controllers';
import { CustomerFacade } from './customer.facade';
import { CustomerReader } from './queries/customer-reader';
import { QUERY_CONTROLLERS } from './queries/query-controllers';

/**
 * The customer context. Needs the platform's Database and the EventStore
 * (both global) and asks the company registry (prefill, enrich); the app
 * registers `customerListProjection` as an inline projection and runs
 * `customerMigrations`.
 */
@Module({
  imports: [CompanyRegistryModule],
  controllers: [...COMMAND_CONTROLLERS, ...QUERY_CONTROLLERS],
  providers: [
    { provide: CustomerCommandHandler, inject: [EventStore], useFactory: (store: EventStore) => new CustomerCommandHandler(store) },
    {
      provide: CompanyRegistryLookup,
      inject: [CompanyRegistryFacade],
      useFactory: (registry: CompanyRegistryFacade) => new CompanyRegistryLookup(registry),
    },
    { provide: CustomerReader, inject: [Database], useFactory: (database: Database) => new CustomerReader(database.db) },
    {
      provide: CustomerFacade,
      inject: [CustomerCommandHandler, CustomerReader],
      useFactory: (commands: CustomerCommandHandler, reader: CustomerReader) => new CustomerFacade(commands, reader),
    },
  ],
  exports: [CustomerFacade],
})
export class CustomerModule {}
