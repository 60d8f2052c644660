import type { StoredEvent } from '@cm/event-store';
import { CUSTOMER_STREAM_TYPE, type CustomerEvent } from '../domain/customer.events';
import { type CustomerState, evolve, type ExistingCustomer, initialState } from '../domain/customer.state';
import type { CustomerChangedFieldV1, CustomerDetailsV1, CustomerIntegrationEvent, CustomerSnapshotV1 } from './customer-integration-events';

/*
 * Domain events to published integration events. Pure: the caller reads the
 * events; this only folds and maps. Snapshots come from folding the stream up
 * to each event's version, never from the read model, which may be ahead of
 * the event being translated (replays, catching up).
 */

/** The part of a customer stream a translation needs before a batch: versions 1..`toVersion`. */
export interface CustomerHistoryRequest {
  readonly tenant: string;
  readonly streamId: string;
  readonly toVersion: number;
}

/** Key of a stream in the `histories` map given to {@link translateCustomerEvents}. */
export const customerStreamKey = (event: Pick<StoredEvent, 'tenant' | 'streamId'>): string => `${event.tenant}/${event.streamId}`;

/**
 * Which earlier events translating `batch` needs: per stream whose first
 * event in the batch is not its creation, the versions before it.
 */
export function customerHistoryNeeded(batch: readonly StoredEvent[]): CustomerHistoryRequest[] {
  const firsts = new Map<string, StoredEvent>();
  for (const event of batch) if (!firsts.has(customerStreamKey(event))) firsts.set(customerStreamKey(event), event);
  return [...firsts.values()]
    .filter((event) => event.version > 1)
    .map((event) => ({ tenant: event.tenant, streamId: event.streamId, toVersion: event.version - 1 }));
}

/**
 * Translates a batch of stored customer events, in the batch's order, one
 * integration event per domain event. `histories` holds, keyed by
 * {@link customerStreamKey}, the events {@link customerHistoryNeeded} asked
 * for. Throws on a gap or a foreign event: a silently wrong snapshot would be
 * worse than a parked subscription.
 */
export function translateCustomerEvents(
  batch: readonly StoredEvent[],
  histories: ReadonlyMap<string, readonly StoredEvent[]> = new Map(),
): CustomerIntegrationEvent[] {
  const states = new Map<string, { state: CustomerState; version: number }>();
  return batch.map((event) => {
    if (event.streamType !== CUSTOMER_STREAM_TYPE) throw new Error(`not a customer event: ${event.type} in ${event.streamId}`);
    const key = customerStreamKey(event);
    const before = states.get(key) ?? foldHistory(event, histories.get(key) ?? []);
    if (event.version !== before.version + 1) {
      throw new Error(`customer stream ${event.streamId}: version ${event.version} follows ${before.version}`);
    }
    const after = evolve(before.state, event as unknown as CustomerEvent);
    states.set(key, { state: after, version: event.version });
    return toCustomerIntegrationEvent(event, after as ExistingCustomer);
  });
}

function foldHistory(first: StoredEvent, history: readonly StoredEvent[]): { state: CustomerState; version: number } {
  let state = initialState;
  let version = 0;
  for (const event of history) {
    if (event.version >= first.version) break;
    if (event.version !== version + 1) throw new Error(`customer stream ${first.streamId}: history has version ${event.version} after ${version}`);
    state = evolve(state, event as unknown as CustomerEvent);
    version = event.version;
  }
  return { state, version };
}

/** Translates one stored event, given the customer's state right after it. */
export function toCustomerIntegrationEvent(stored: StoredEvent, after: ExistingCustomer): CustomerIntegrationEvent {
  const event = stored as unknown as StoredEvent<CustomerEvent['data']> & { readonly type: CustomerEvent['type'] };
  const envelope = {
    id: stored.id,
    occurredAt: stored.recordedAt.toISOString(),
    organizationId: stored.tenant,
    customerId: after.customerId,
    version: stored.version,
  };
  const customer = { id: after.customerId };
  const domain = { type: event.type, data: event.data } as CustomerEvent;
  switch (domain.type) {
    case 'PersonCustomerCreated':
    case 'CompanyCustomerCreated':
      return { ...envelope, type: 'customer.registered.v1', data: detailsOf(after) };
    case 'CustomerDetailsChanged':
    case 'CompanyEnriched':
    case 'CompanyBecamePerson':
    case 'PersonBecameCompany':
      return { ...envelope, type: 'customer.changed.v1', data: { ...snapshotOf(after), changedFields: changedFieldsOf(domain) } };
    case 'CustomerNumberChanged':
      return {
        ...envelope,
        type: 'customer.number-changed.v1',
        data: { ...customer, old: domain.data.oldCustomerNumber, new: domain.data.newCustomerNumber },
      };
    case 'CustomerArchived':
      return { ...envelope, type: 'customer.archived.v1', data: customer };
    case 'CustomerRestored':
      return { ...envelope, type: 'customer.restored.v1', data: customer };
    case 'CustomerForgotten':
      return { ...envelope, type: 'customer.forgotten.v1', data: customer };
    default: {
      const _never: never = domain;
      throw new Error(`No integration event for customer event ${(_never as { type: string }).type}`);
    }
  }
}

/** Fields in the order the contract lists them, so `changedFields` is deterministic. */
const CHANGED_FIELD_ORDER: readonly CustomerChangedFieldV1[] = [
  'type',
  'companyName',
  'enterpriseNumber',
  'vatNumber',
  'country',
  'language',
  'firstName',
  'lastName',
  'email',
  'mobile',
  'address',
  'zip',
  'city',
];

function changedFieldsOf(event: CustomerEvent): CustomerChangedFieldV1[] {
  const changed = new Set<string>();
  switch (event.type) {
    case 'CustomerDetailsChanged':
    case 'CompanyEnriched':
      // A personal change reads back as null once forgotten: its name still says what changed.
      for (const [field, change] of Object.entries(event.data)) if (change !== undefined) changed.add(field);
      break;
    case 'CompanyBecamePerson':
      changed.add('type').add('companyName');
      if (event.data.enterpriseNumber !== null) changed.add('enterpriseNumber');
      if (event.data.vatNumber !== null) changed.add('vatNumber');
      break;
    case 'PersonBecameCompany':
      changed.add('type').add('companyName');
      break;
    default:
      break;
  }
  return CHANGED_FIELD_ORDER.filter((field) => changed.has(field));
}

function detailsOf(customer: ExistingCustomer): CustomerDetailsV1 {
  const company = customer.kind === 'company' ? customer : undefined;
  return {
    id: customer.customerId,
    type: customer.kind,
    customerNumber: customer.customerNumber,
    companyName: company?.companyName ?? null,
    enterpriseNumber: company?.enterpriseNumber ?? null,
    vatNumber: company?.vatNumber ?? null,
    country: customer.country,
    language: customer.language,
    firstName: customer.firstName,
    lastName: customer.lastName,
    email: customer.email,
    mobile: customer.mobile,
    address: customer.address,
    zip: customer.zip,
    city: customer.city,
  };
}

const snapshotOf = (customer: ExistingCustomer): CustomerSnapshotV1 => ({ ...detailsOf(customer), status: customer.status });
