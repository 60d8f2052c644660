import type { Pool } from 'pg';
import type { EventStore } from '../event-store';
import { ChangeNotifier } from './change-notifier';
import { CheckpointStore } from './checkpoint-store';
import { Subscription, type SubscriptionState } from './subscription';
import { DEFAULT_SUBSCRIPTION_OPTIONS, type SubscriptionHandler, type SubscriptionOptions } from './subscription-handler';

export interface SubscriptionStatus {
  readonly name: string;
  readonly position: bigint;
  /** Committed events not yet consumed. */
  readonly lag: number;
  readonly status: 'running' | 'failed' | 'new';
  /** This process's view: active (holds the lease), standby, ... ; undefined when not run here. */
  readonly local?: SubscriptionState;
  readonly failedPosition: bigint | null;
  readonly error: string | null;
}

/** Runs the registered subscriptions of this process, woken by LISTEN/NOTIFY. */
export class SubscriptionManager {
  private readonly handlers = new Map<string, SubscriptionHandler>();
  private readonly running = new Map<string, Subscription>();
  private stopListening?: () => Promise<void>;
  private readonly checkpoints: CheckpointStore;

  constructor(
    private readonly store: EventStore,
    private readonly pool: Pool,
    private readonly connectionString: string,
    private readonly options: SubscriptionOptions = DEFAULT_SUBSCRIPTION_OPTIONS,
  ) {
    this.checkpoints = new CheckpointStore(store.db);
  }

  register(handler: SubscriptionHandler): this {
    if (this.handlers.has(handler.name)) throw new Error(`subscription ${handler.name} is registered twice`);
    this.handlers.set(handler.name, handler);
    return this;
  }

  get names(): string[] {
    return [...this.handlers.keys()].sort();
  }

  handler(name: string): SubscriptionHandler | undefined {
    return this.handlers.get(name);
  }

  async start(): Promise<void> {
    for (const handler of this.handlers.values()) {
      const subscription = new Subscription(this.store, handler, this.connectionString, this.options);
      this.running.set(handler.name, subscription);
      subscription.start();
    }
    if (this.running.size > 0) {
      this.stopListening = await new ChangeNotifier(this.pool).listen(this.connectionString, () => this.wakeAll());
    }
  }

  async stop(): Promise<void> {
    await this.stopListening?.();
    await Promise.all([...this.running.values()].map((s) => s.stop()));
    this.running.clear();
  }

  wakeAll(): void {
    for (const subscription of this.running.values()) subscription.wake();
  }

  /** Name, position, lag and status of every registered subscription. */
  async statuses(): Promise<SubscriptionStatus[]> {
    const rows = new Map((await this.checkpoints.list(this.names)).map((row) => [row.name, row]));
    return Promise.all(
      this.names.map(async (name) => {
        const row = rows.get(name);
        const checkpoint = row?.checkpoint ?? { transactionId: 0n, position: 0n };
        return {
          name,
          position: checkpoint.position,
          lag: await this.store.countAfter(checkpoint, this.handlers.get(name)?.streamTypes),
          status: row?.status ?? 'new',
          local: this.running.get(name)?.state,
          failedPosition: row?.failedPosition ?? null,
          error: row?.error ?? null,
        };
      }),
    );
  }

  /** Restarts a parked subscription at the event that failed; wakes its consumer in any process. */
  async resume(name: string): Promise<boolean> {
    const resumed = await this.checkpoints.resume(name);
    if (resumed) new ChangeNotifier(this.pool).changed();
    this.running.get(name)?.wake();
    return resumed;
  }
}
