import type { Kysely } from 'kysely';
import type { EventStore, StoredEvent, SubscriptionHandler } from '@cm/event-store';
import { CUSTOMER_STREAM_TYPE } from '../domain/customer.events';
import { customerHistoryNeeded, customerStreamKey, translateCustomerEvents } from './customer-event-translator';
import type { CustomerIntegrationEvent } from './customer-integration-events';

/**
 * Receives a batch of published customer events, in the subscription's order
 * (per customer, versions increasing). Runs inside the transaction that
 * advances the checkpoint: write through `trx` and the writes commit exactly
 * once with it. Throwing rolls the batch back; the subscription retries it and
 * parks after repeated failures.
 */
export type CustomerIntegrationEventHandler = (trx: Kysely<any>, events: readonly CustomerIntegrationEvent[]) => Promise<void>;

/**
 * A durable subscription to the customer context's published events, for
 * another module to register with its `SubscriptionManager`. `name` is the
 * checkpoint's name: choose one per consumer and never rename it (a new name
 * starts from the beginning of the history).
 *
 * Keeps no memory between batches, so it is correct after a restart, a
 * takeover by another process or a checkpoint reset: the state a snapshot
 * needs is folded from the customer's stream up to the event's version.
 */
export function customerEventsSubscription(name: string, store: EventStore, handle: CustomerIntegrationEventHandler): SubscriptionHandler {
  return {
    name,
    streamTypes: [CUSTOMER_STREAM_TYPE],
    async handle(trx, events) {
      if (events.length === 0) return;
      await handle(trx, translateCustomerEvents(events, await loadHistories(store, events)));
    },
  };
}

/** The earlier events of the batch's customers that the translation folds. Committed already: they precede the batch. */
async function loadHistories(store: EventStore, batch: readonly StoredEvent[]): Promise<Map<string, readonly StoredEvent[]>> {
  const histories = new Map<string, readonly StoredEvent[]>();
  for (const request of customerHistoryNeeded(batch)) {
    histories.set(customerStreamKey(request), await store.readStream(request.tenant, request.streamId, { toVersion: request.toVersion }));
  }
  return histories;
}
