/**
 * The customer context's published integration events: what other modules
 * (import, CRM, a broker relay) consume instead of the domain events, which
 * stay inside this context and may change shape with it.
 *
 * Stability rules, binding on every change to this file:
 * - A `type` string never changes and is never reused for another shape.
 * - Within a version, changes are additive only: a new optional field, never a
 *   renamed, removed or retyped one, and never a new meaning for a value.
 *   Consumers ignore fields they do not know.
 * - Anything else is a breaking change: publish a new type with the next
 *   version suffix (`customer.changed.v2`) next to the old one, and keep
 *   publishing the old one until no consumer reads it.
 * - `id` is the id of the domain event it was translated from: the same event
 *   always yields the same integration event (same `id`), so consumers
 *   deduplicate on `(organizationId, id)`.
 * - Personal fields (first and last name, e-mail, mobile, address, zip, city)
 *   are `null` once the customer is forgotten, also when old events are
 *   replayed; on `customer.forgotten.v1` consumers erase their own copies.
 */

/** The published type strings, one per event and version. */
export const CUSTOMER_INTEGRATION_EVENT_TYPES = [
  'customer.registered.v1',
  'customer.changed.v1',
  'customer.number-changed.v1',
  'customer.archived.v1',
  'customer.restored.v1',
  'customer.forgotten.v1',
] as const;

export type CustomerIntegrationEventType = (typeof CUSTOMER_INTEGRATION_EVENT_TYPES)[number];

/** What every integration event carries around its `data`. */
export interface CustomerIntegrationEventEnvelope<T extends CustomerIntegrationEventType, D> {
  readonly type: T;
  /** Id of the source domain event: stable across replays, the consumer's deduplication key (per organization). */
  readonly id: string;
  /** When the change was recorded (ISO 8601, UTC). */
  readonly occurredAt: string;
  /** The organization (tenant) the customer belongs to. */
  readonly organizationId: string;
  readonly customerId: string;
  /** The customer's stream version after this change: 1, 2, ... without gaps per customer. */
  readonly version: number;
  readonly data: D;
}

/** A customer as published, as it stands after the event. Personal fields are `null` once forgotten. */
export interface CustomerDetailsV1 {
  /** The customer id (same as the envelope's `customerId`). */
  readonly id: string;
  readonly type: 'person' | 'company';
  /** The deduplication key; `null` when the customer has none. */
  readonly customerNumber: string | null;
  /** Set for a company, `null` for a person. */
  readonly companyName: string | null;
  readonly enterpriseNumber: string | null;
  readonly vatNumber: string | null;
  /** ISO 3166-1 alpha-2, upper case. */
  readonly country: string | null;
  /** ISO 639-1 code the customer is addressed in (`en`, `nl`, `fr`, ...). */
  readonly language: string;
  /** Personal. On a company: its contact person. */
  readonly firstName: string | null;
  /** Personal. */
  readonly lastName: string | null;
  /** Personal. */
  readonly email: string | null;
  /** Personal. E.164. */
  readonly mobile: string | null;
  /** Personal. The street line. */
  readonly address: string | null;
  /** Personal. */
  readonly zip: string | null;
  /** Personal. */
  readonly city: string | null;
}

/** The full public snapshot: the details plus the customer's status. */
export interface CustomerSnapshotV1 extends CustomerDetailsV1 {
  readonly status: 'active' | 'archived' | 'forgotten';
}

/** Names of the fields of the snapshot that a `customer.changed.v1` can report as changed. */
export type CustomerChangedFieldV1 = Exclude<keyof CustomerDetailsV1, 'id' | 'customerNumber'>;

/** A customer was created (a person, or a company with an optional contact person). */
export type CustomerRegisteredV1 = CustomerIntegrationEventEnvelope<'customer.registered.v1', CustomerDetailsV1>;

/**
 * Details changed. `data` is the full snapshot after the change, so a consumer
 * can overwrite its copy; `changedFields` says which fields this change touched
 * (`type` when a person became a company or back). Customer number changes are
 * `customer.number-changed.v1`, never this event.
 */
export type CustomerChangedV1 = CustomerIntegrationEventEnvelope<
  'customer.changed.v1',
  CustomerSnapshotV1 & { readonly changedFields: readonly CustomerChangedFieldV1[] }
>;

/** The customer number (the deduplication key) changed: consumers keyed on numbers re-key from `old` to `new`. */
export type CustomerNumberChangedV1 = CustomerIntegrationEventEnvelope<
  'customer.number-changed.v1',
  { readonly id: string; readonly old: string | null; readonly new: string | null }
>;

/** The customer was archived: kept, but closed to changes until restored. */
export type CustomerArchivedV1 = CustomerIntegrationEventEnvelope<'customer.archived.v1', { readonly id: string }>;

/** An archived customer is back in use. */
export type CustomerRestoredV1 = CustomerIntegrationEventEnvelope<'customer.restored.v1', { readonly id: string }>;

/**
 * The customer's personal data was erased (right to erasure). Consumers must
 * erase their copies of the personal fields now. Final: no change follows.
 */
export type CustomerForgottenV1 = CustomerIntegrationEventEnvelope<'customer.forgotten.v1', { readonly id: string }>;

/** Every published customer integration event (discriminated on `type`). */
export type CustomerIntegrationEvent =
  | CustomerRegisteredV1
  | CustomerChangedV1
  | CustomerNumberChangedV1
  | CustomerArchivedV1
  | CustomerRestoredV1
  | CustomerForgottenV1;
