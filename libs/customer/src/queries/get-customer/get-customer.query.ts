import type { EventStore, Fold, StoredEvent } from '@cm/event-store';
import { customerStreamId, isCustomerId } from '../../application/customer-id';
import type { CustomerEvent } from '../../domain/customer.events';
import { type CustomerState, evolve, initialState } from '../../domain/customer.state';
import { rowFromState } from '../../projections/customer-row';
import type { CustomerReader } from '../customer-reader';
import { type CustomerView, customerView } from '../customer.view';
import type { CustomerAsOf } from './customer-as-of';

/** The state folded so far, with the times the view shows. */
interface Snapshot {
  readonly state: CustomerState;
  readonly createdAt?: Date;
  readonly updatedAt?: Date;
}

const snapshotFold: Fold<Snapshot> = {
  initial: { state: initialState },
  evolve: (snapshot: Snapshot, event: StoredEvent): Snapshot => ({
    state: evolve(snapshot.state, event as unknown as CustomerEvent),
    createdAt: snapshot.createdAt ?? event.recordedAt,
    updatedAt: event.recordedAt,
  }),
};

/** `GetCustomer`: one customer, now (from the read model) or as it was (folded from its events). */
export class GetCustomerQuery {
  constructor(
    private readonly reader: CustomerReader,
    private readonly store: EventStore,
  ) {}

  /** The customer now; the read model is written in the append's transaction, so this reads its own writes. */
  current(tenant: string, customerId: string): Promise<CustomerView | undefined> {
    return isCustomerId(customerId) ? this.reader.byId(tenant, customerId) : Promise.resolve(undefined);
  }

  /**
   * The customer as it was at a version or an instant, in the same shape as
   * now: `version` the last event folded, `createdAt` the first event's time,
   * `updatedAt` the last folded one's. Undefined before it was created, and
   * for a version it has not reached. Personal data erased since reads as null.
   */
  async asOf(tenant: string, customerId: string, asOf: CustomerAsOf): Promise<CustomerView | undefined> {
    if (!isCustomerId(customerId)) return undefined;
    if ('version' in asOf && asOf.version < 1) return undefined;
    const bound = 'version' in asOf ? { toVersion: asOf.version } : { at: asOf.at };
    const { state: snapshot, version } = await this.store.aggregateStream(tenant, customerStreamId(customerId.toLowerCase()), snapshotFold, bound);
    if (version === 0 || ('version' in asOf && version < asOf.version)) return undefined;
    if (!snapshot.createdAt || !snapshot.updatedAt) return undefined;
    const row = rowFromState(tenant, snapshot.state, { version, createdAt: snapshot.createdAt, updatedAt: snapshot.updatedAt });
    return row && customerView(row);
  }
}
