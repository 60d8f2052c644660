import type { SubscriptionHandler } from '../subscriptions/subscription-handler';
import type { Projection, ProjectionTables } from './projection.types';

/** Writes the live tables. */
export const liveTables: ProjectionTables = { table: (name) => name };

/** A projection as a durable subscription writing its live tables. */
export function projectionSubscription(projection: Projection): SubscriptionHandler {
  return {
    name: projection.name,
    streamTypes: projection.streamTypes,
    handle: (trx, events) => projection.apply(trx, events, liveTables),
  };
}
