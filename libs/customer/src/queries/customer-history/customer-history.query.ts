import type { EventStore } from '@cm/event-store';
import { customerStreamId, isCustomerId } from '../../application/customer-id';
import { type CustomerHistoryEntry, customerHistory } from './customer-history';

/** `CustomerHistory`: a customer's audit trail, read from its event stream (not from a read model). */
export class CustomerHistoryQuery {
  constructor(private readonly store: EventStore) {}

  /** Oldest first; undefined when the organization has no customer with this id. */
  async history(tenant: string, customerId: string): Promise<CustomerHistoryEntry[] | undefined> {
    if (!isCustomerId(customerId)) return undefined;
    const events = await this.store.readStream(tenant, customerStreamId(customerId.toLowerCase()));
    return events.length === 0 ? undefined : customerHistory(events);
  }
}
