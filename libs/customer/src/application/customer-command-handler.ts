import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { type EventStore, type NewEvent, WrongExpectedVersionError } from '@cm/event-store';
import { type Clock, systemClock } from '@cm/shared-kernel';
import { type CustomerCommand, decideCustomer } from '../commands/customer.commands';
import { CustomerNumberTakenError } from '../domain/customer.errors';
import { CUSTOMER_STREAM_TYPE, type CustomerEvent, personalFieldsOf } from '../domain/customer.events';
import { evolve, initialState, type CustomerState } from '../domain/customer.state';
import { CustomerConcurrentChangeError, CustomerVersionMismatchError } from './application.errors';
import type { CommandMeta } from './command-meta';
import { customerStreamId } from './customer-id';

export interface CommandOutcome {
  readonly customerId: string;
  /** Stream version after the command. */
  readonly version: number;
  /** False when the command changed nothing (no event written). */
  readonly changed: boolean;
  readonly events: readonly CustomerEvent[];
}

export interface ExecuteOptions {
  /** Optimistic check from `If-Match`: refuse (412) unless the customer is at this version. */
  readonly ifVersion?: number;
}

const ATTEMPTS = 3;

/** Load, decide, append: the one path every customer command takes. */
export class CustomerCommandHandler {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock = systemClock,
  ) {}

  async execute(tenant: string, command: CustomerCommand, meta: CommandMeta, options: ExecuteOptions = {}): Promise<CommandOutcome> {
    return this.executeAll(tenant, [command], meta, options);
  }

  /**
   * Several commands on one customer as one change: each is decided on the
   * state the previous ones leave, and all their events are one append, so
   * either all take effect or none (e.g. a number change with other details).
   */
  async executeAll(
    tenant: string,
    commands: readonly CustomerCommand[],
    meta: CommandMeta,
    options: ExecuteOptions = {},
  ): Promise<CommandOutcome> {
    const customerId = commands[0]?.customerId;
    if (!customerId || commands.some((c) => c.customerId !== customerId)) throw new Error('executeAll takes commands on one customer');
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.attempt(tenant, customerId, commands, meta, options);
      } catch (error) {
        // Without If-Match a lost race is retried on fresh state; with it, the caller decides.
        if (!(error instanceof WrongExpectedVersionError)) throw error;
        if (options.ifVersion !== undefined) throw new CustomerVersionMismatchError(customerId, options.ifVersion, error.actualVersion);
        if (attempt === ATTEMPTS) throw new CustomerConcurrentChangeError(customerId);
      }
    }
  }

  private async attempt(
    tenant: string,
    customerId: string,
    commands: readonly CustomerCommand[],
    meta: CommandMeta,
    options: ExecuteOptions,
  ): Promise<CommandOutcome> {
    const loaded = await this.load(tenant, customerId);
    const { version } = loaded;
    if (options.ifVersion !== undefined && options.ifVersion !== version) {
      throw new CustomerVersionMismatchError(customerId, options.ifVersion, version);
    }
    const now = this.clock.now();
    const events: CustomerEvent[] = [];
    let state = loaded.state;
    for (const command of commands) {
      const decided = decideCustomer(command, state, { now });
      state = decided.reduce(evolve, state);
      events.push(...decided);
    }
    if (events.length === 0) return { customerId, version, changed: false, events };

    try {
      const result = await this.store.append({
        tenant,
        streamId: customerStreamId(customerId),
        streamType: CUSTOMER_STREAM_TYPE,
        expectedVersion: version,
        events: events.map((event) => toNewEvent(customerId, event)),
        metadata: meta,
        forgetSubjects: commands.some((c) => c.type === 'ForgetCustomer') ? [customerId] : undefined,
      });
      return { customerId, version: result.version, changed: true, events };
    } catch (error) {
      const pgError = error as { code?: string; constraint?: string };
      if (pgError.code === '23505' && pgError.constraint === 'customers_number_unique') {
        throw await this.numberTaken(tenant, events);
      }
      throw error;
    }
  }

  /** The customer as its stream tells it: the decider's state. */
  private async load(tenant: string, customerId: string): Promise<{ state: CustomerState; version: number }> {
    return this.store.aggregateStream(tenant, customerStreamId(customerId), {
      initial: initialState,
      evolve: (state, event) => evolve(state, event as unknown as CustomerEvent),
    });
  }

  private async numberTaken(tenant: string, events: readonly CustomerEvent[]): Promise<CustomerNumberTakenError> {
    const number = events
      .map((e) => (e.type === 'CustomerNumberChanged' ? e.data.newCustomerNumber : 'customerNumber' in e.data ? e.data.customerNumber : null))
      .find((n): n is string => !!n);
    const { rows } = await sql<{ id: string }>`
      SELECT id FROM customer.customers WHERE tenant_id = ${tenant}::uuid AND customer_number = ${number ?? ''}`.execute(this.store.db);
    return new CustomerNumberTakenError(number ?? '', rows[0]?.id ?? 'unknown');
  }
}

function toNewEvent(customerId: string, event: CustomerEvent): NewEvent {
  const fields = personalFieldsOf(event);
  return {
    id: randomUUID(),
    type: event.type,
    data: event.data,
    personal: fields.length > 0 ? { subject: customerId, fields } : undefined,
  };
}
