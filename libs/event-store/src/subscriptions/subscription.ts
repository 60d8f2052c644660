import { Logger } from '@nestjs/common';
import { Client } from 'pg';
import { type Checkpoint, checkpointOf, type StoredEvent } from '../event.types';
import type { EventStore } from '../event-store';
import { CheckpointMovedError, CheckpointStore } from './checkpoint-store';
import type { SubscriptionHandler, SubscriptionOptions } from './subscription-handler';

/** Re-read interval while committed events wait on an older open transaction. */
const HELD_RECHECK_MS = 50;

export type SubscriptionState = 'starting' | 'standby' | 'active' | 'failed' | 'stopped';

/**
 * One durable subscription in this process. Only the holder of its lease (a
 * session advisory lock) consumes; other processes stand by and take over
 * when the holder's connection goes away.
 */
export class Subscription {
  state: SubscriptionState = 'starting';
  private readonly logger: Logger;
  private readonly checkpoints: CheckpointStore;
  private lease?: Client;
  private leaseLost = false;
  private stopping = false;
  /** Woken since the subscription row was last read: read it again (a resume, a reset). */
  private reload = false;
  private wakeUp?: () => void;
  private loop?: Promise<void>;

  constructor(
    private readonly store: EventStore,
    private readonly handler: SubscriptionHandler,
    private readonly connectionString: string,
    private readonly options: SubscriptionOptions,
  ) {
    this.logger = new Logger(`Subscription ${handler.name}`);
    this.checkpoints = new CheckpointStore(store.db);
  }

  get name(): string {
    return this.handler.name;
  }

  start(): void {
    this.loop ??= this.run();
  }

  /** New events may be there, or the subscription row changed: stop waiting. */
  wake(): void {
    this.reload = true;
    this.wakeUp?.();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.wake();
    await this.loop;
    this.state = 'stopped';
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      try {
        if (await this.takeLease()) {
          this.state = 'active';
          await this.consume();
        } else {
          this.state = 'standby';
          await this.pause(this.options.leaseRetryMs);
        }
      } catch (error) {
        this.logger.error(`stopped consuming: ${(error as Error).message}; retrying`);
        await this.pause(this.options.pollIntervalMs);
      } finally {
        await this.releaseLease();
      }
    }
  }

  private async takeLease(): Promise<boolean> {
    const client = new Client({ connectionString: this.connectionString, application_name: `subscription:${this.name}` });
    client.on('error', () => {
      this.leaseLost = true;
      this.wake();
    });
    await client.connect();
    const { rows } = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS ok', [
      `event_store.subscription:${this.name}`,
    ]);
    if (!rows[0].ok) {
      await client.end();
      return false;
    }
    this.lease = client;
    this.leaseLost = false;
    return true;
  }

  private async releaseLease(): Promise<void> {
    const lease = this.lease;
    this.lease = undefined;
    await lease?.end().catch(() => undefined); // closing the session releases the lock
  }

  /**
   * Reads batch n+1 while batch n commits. The subscription row (checkpoint, status) is read at
   * start, after a wake, at most once per poll interval otherwise, and after any batch that did
   * not commit whole; in between, the checkpoint is the one this consumer's last commit wrote.
   * A commit still advances it only from the checkpoint it was read after, so a batch read ahead
   * from a checkpoint that someone else moved (a rebuild swap, another consumer) never commits.
   */
  private async consume(): Promise<void> {
    await this.checkpoints.ensure(this.name);
    let checkpoint: Checkpoint | undefined;
    let loadedAt = 0;
    /** The batch after `checkpoint`, read while the previous batch committed; undefined if empty or failed. */
    let ahead: Promise<StoredEvent[] | undefined> | undefined;
    try {
      while (!this.stopping && !this.leaseLost) {
        if (checkpoint === undefined || this.reload || Date.now() - loadedAt >= this.options.pollIntervalMs) {
          this.reload = false;
          const row = await this.checkpoints.load(this.name);
          if (!row) throw new Error('subscription row vanished');
          loadedAt = Date.now();
          if (row.status === 'failed') {
            checkpoint = undefined;
            ahead = await drop(ahead);
            this.state = 'failed';
            await this.pause(this.options.pollIntervalMs);
            continue;
          }
          if (checkpoint === undefined || !sameCheckpoint(checkpoint, row.checkpoint)) ahead = await drop(ahead);
          checkpoint = row.checkpoint;
        }
        this.state = 'active';
        const from: Checkpoint = checkpoint;
        const events = (await ahead) ?? (await this.read(from));
        ahead = undefined;
        if (events.length === 0) {
          await this.pause(await this.idleWait(from));
          continue;
        }
        const to = checkpointOf(events[events.length - 1]);
        // A full batch: more may follow. Read them now, from where this batch ends.
        if (events.length >= this.options.batchSize) ahead = this.readAhead(to);
        if (await this.process(from, events)) {
          checkpoint = to;
        } else {
          checkpoint = undefined; // reload: the stored checkpoint says where to go on
          ahead = await drop(ahead);
        }
      }
    } finally {
      await drop(ahead); // no query of this consumer outlives it
    }
  }

  private async read(after: Checkpoint): Promise<StoredEvent[]> {
    const rows = await this.store.readAllRows({ after, streamTypes: this.handler.streamTypes, limit: this.options.batchSize });
    return rows.length === 0 ? [] : this.store.decode(rows);
  }

  /** `read`, for later: never rejects; undefined when empty (perhaps held back by our own open batch) or failed. */
  private readAhead(after: Checkpoint): Promise<StoredEvent[] | undefined> {
    return this.read(after).then(
      (events) => (events.length > 0 ? events : undefined),
      () => undefined,
    );
  }

  /**
   * How long to wait when nothing is readable. Committed events can wait on an older transaction
   * still open (in any database of the cluster), whose end sends no notification: look again soon.
   */
  private async idleWait(checkpoint: Checkpoint): Promise<number> {
    const held = (await this.store.countAfter(checkpoint, this.handler.streamTypes)) > 0;
    return held ? Math.min(HELD_RECHECK_MS, this.options.pollIntervalMs) : this.options.pollIntervalMs;
  }

  /**
   * A batch in one transaction; on failure, event by event to find and retry the culprit.
   * True when the whole batch committed at once (the checkpoint is now its last event).
   */
  private async process(from: Checkpoint, events: readonly StoredEvent[]): Promise<boolean> {
    try {
      await this.commit(from, events);
      return true;
    } catch (error) {
      if (error instanceof CheckpointMovedError) return false;
      if (events.length === 1) {
        await this.retryOne(from, events[0], error);
        return false;
      }
    }
    // Event by event up to the culprit: the failed batch was its first attempt, failing alone its second.
    let checkpoint = from;
    for (const event of events) {
      if (this.stopping || this.leaseLost) return false;
      try {
        await this.commit(checkpoint, [event]);
      } catch (error) {
        if (!(error instanceof CheckpointMovedError)) await this.retryOne(checkpoint, event, error, 2);
        return false;
      }
      checkpoint = checkpointOf(event);
    }
    return false;
  }

  /** Retries one event with exponential backoff; parks the subscription when it keeps failing. */
  private async retryOne(from: Checkpoint, event: StoredEvent, firstError: unknown, failedAttempts = 1): Promise<boolean> {
    let lastError = firstError;
    for (let attempt = failedAttempts + 1; attempt <= this.options.maxAttempts; attempt++) {
      if (lastError) await this.pause(this.options.retryBaseMs * 2 ** (attempt - 2), false);
      if (this.stopping || this.leaseLost) return false;
      try {
        await this.commit(from, [event]);
        return true;
      } catch (error) {
        if (error instanceof CheckpointMovedError) return false;
        lastError = error;
        this.logger.warn(`event ${event.position} (${event.type}) failed, attempt ${attempt}/${this.options.maxAttempts}: ${(error as Error).message}`);
      }
    }
    const message = lastError instanceof Error ? `${lastError.message}\n${lastError.stack ?? ''}`.slice(0, 4000) : String(lastError);
    await this.checkpoints.park(this.name, event, message, this.options.maxAttempts);
    this.logger.error(`parked as failed at event ${event.position} (${event.type}): ${(lastError as Error)?.message}`);
    this.state = 'failed';
    return false;
  }

  private async commit(from: Checkpoint, events: readonly StoredEvent[]): Promise<void> {
    await this.store.db.transaction().execute(async (trx) => {
      await this.handler.handle(trx, events);
      await this.checkpoints.advance(trx, this.name, from, checkpointOf(events[events.length - 1]));
    });
  }

  /** Waits `ms`, or less when stopping or (if `wakeable`) when woken by new events. */
  private pause(ms: number, wakeable = true): Promise<void> {
    return new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakeUp = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakeUp = wakeable ? done : () => this.stopping && done();
    });
  }
}

const sameCheckpoint = (a: Checkpoint, b: Checkpoint): boolean => a.transactionId === b.transactionId && a.position === b.position;

/** Lets a read ahead finish (it never rejects) and forgets its batch. */
async function drop(ahead: Promise<unknown> | undefined): Promise<undefined> {
  await ahead;
  return undefined;
}
