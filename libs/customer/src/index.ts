/*
 * The customer bounded context's public entry. For now the pure domain:
 * events, state, deciders, errors and the value objects' parsers. The module,
 * facade and published contracts join it as they are built.
 */

export * from './domain/customer.errors';
export * from './domain/customer.events';
export { foldCustomer, evolve, initialState } from './domain/customer.state';
export type { CompanyCustomer, CustomerState, CustomerStatus, ExistingCustomer, NoCustomer, PersonCustomer } from './domain/customer.state';
export type { CommonCustomerFields, CompanyFields, FieldChange } from './domain/customer.fields';
export type { DecideContext } from './domain/decide-context';

export {
  parseAddress,
  parseCompanyName,
  parseCountry,
  parseCustomerFields,
  parseCustomerNumber,
  parseEmail,
  parseEnterpriseNumber,
  parseLanguage,
  parseMobile,
  parsePersonName,
  parseVatNumber,
  normaliseEnterpriseNumber,
  isCountryCode,
  LANGUAGES,
  DEFAULT_LANGUAGE,
} from './domain/value-objects';
export type {
  Address,
  AddressInput,
  CountryCode,
  CustomerField,
  CustomerFieldsInput,
  CustomerFieldsPatch,
  FieldError,
  FieldErrorCode,
  Language,
  ParseResult,
} from './domain/value-objects';

export type { ArchiveCustomer } from './commands/archive-customer/archive-customer.command';
export { decideArchiveCustomer } from './commands/archive-customer/archive-customer.decide';
export type { ChangeCustomerDetails } from './commands/change-customer-details/change-customer-details.command';
export { decideChangeCustomerDetails } from './commands/change-customer-details/change-customer-details.decide';
export type { ChangeCustomerNumber } from './commands/change-customer-number/change-customer-number.command';
export { decideChangeCustomerNumber } from './commands/change-customer-number/change-customer-number.decide';
export type { CreateCompanyCustomer } from './commands/create-company-customer/create-company-customer.command';
export { decideCreateCompanyCustomer } from './commands/create-company-customer/create-company-customer.decide';
export type { CreatePersonCustomer } from './commands/create-person-customer/create-person-customer.command';
export { decideCreatePersonCustomer } from './commands/create-person-customer/create-person-customer.decide';
export type { CompanySuggestion, EnrichCompany } from './commands/enrich-company/enrich-company.command';
export { decideEnrichCompany } from './commands/enrich-company/enrich-company.decide';
export type { ForgetCustomer } from './commands/forget-customer/forget-customer.command';
export { decideForgetCustomer } from './commands/forget-customer/forget-customer.decide';
export type { RestoreCustomer } from './commands/restore-customer/restore-customer.command';
export { decideRestoreCustomer } from './commands/restore-customer/restore-customer.decide';
export { type CustomerCommand, decideCustomer } from './commands/customer.commands';

export { CustomerModule } from './customer.module';
export { CustomerFacade } from './customer.facade';
export { customerMigrations } from './migrations';
export { customerListProjection } from './projections/customer-list.projection';
export type { CustomerView } from './queries/customer.view';
export type { CommandMeta } from './application/command-meta';
export type { CommandOutcome } from './application/customer-command-handler';
export { newCustomerId } from './application/customer-id';
export { CustomerConcurrentChangeError, CustomerVersionMismatchError } from './application/application.errors';

export type {
  CustomerArchivedV1,
  CustomerChangedFieldV1,
  CustomerChangedV1,
  CustomerDetailsV1,
  CustomerForgottenV1,
  CustomerIntegrationEvent,
  CustomerIntegrationEventEnvelope,
  CustomerIntegrationEventType,
  CustomerNumberChangedV1,
  CustomerRegisteredV1,
  CustomerRestoredV1,
  CustomerSnapshotV1,
} from './contracts/customer-integration-events';
export { CUSTOMER_INTEGRATION_EVENT_TYPES } from './contracts/customer-integration-events';
export {
  type CustomerHistoryRequest,
  customerHistoryNeeded,
  customerStreamKey,
  toCustomerIntegrationEvent,
  translateCustomerEvents,
} from './contracts/customer-event-translator';
export { type CustomerIntegrationEventHandler, customerEventsSubscription } from './contracts/customer-events.subscription';

export { customerHistory, type CustomerFieldChange, type CustomerHistoryEntry } from './queries/customer-history/customer-history';
export { CustomerHistoryQuery } from './queries/customer-history/customer-history.query';
export { locateCustomers, type CustomerLocation } from './queries/customer-history/locate-customer.query';
