import { Client, type Pool } from 'pg';

const CHANNEL = 'event_store_changed';

/** Least time from one NOTIFY to the next while appends keep coming. */
const MIN_INTERVAL_MS = 10;

/**
 * Wakes subscribers after appends. NOTIFY is sent after commit, outside the
 * append, and coalesced: NOTIFY serialises commits on a global lock, so one per
 * append would throttle writers. The first append after a quiet spell notifies
 * at once; while appends keep coming, the next NOTIFY goes out once the last one
 * is done and `minIntervalMs` have passed (each is a statement and a commit of
 * its own). Polling covers anything missed.
 */
export class ChangeNotifier {
  private busy = false;
  private again = false;

  constructor(
    private readonly pool: Pool,
    private readonly minIntervalMs = MIN_INTERVAL_MS,
  ) {}

  /** Note that events were appended; subscribers in every process are woken soon. */
  changed(): void {
    if (this.busy) {
      this.again = true;
      return;
    }
    this.busy = true;
    const sentAt = Date.now();
    this.pool
      .query(`SELECT pg_notify('${CHANNEL}', '')`)
      .catch(() => undefined)
      .finally(() => {
        const ready = () => {
          this.busy = false;
          if (this.again) {
            this.again = false;
            this.changed();
          }
        };
        const wait = sentAt + this.minIntervalMs - Date.now();
        if (wait > 0) setTimeout(ready, wait).unref();
        else ready();
      });
  }

  /** Calls `onChange` on every notification, on a dedicated connection that reconnects. */
  async listen(connectionString: string, onChange: () => void): Promise<() => Promise<void>> {
    let client: Client | undefined;
    let stopped = false;
    const connect = async (): Promise<void> => {
      if (stopped) return;
      const next = new Client({ connectionString, application_name: 'event-store-listener' });
      next.on('notification', () => onChange());
      next.on('error', () => {
        next.end().catch(() => undefined);
        if (!stopped) setTimeout(() => void connect().catch(() => undefined), 1000);
      });
      await next.connect();
      await next.query(`LISTEN ${CHANNEL}`);
      client = next;
      onChange(); // anything appended while we were not listening
    };
    await connect();
    return async () => {
      stopped = true;
      await client?.end().catch(() => undefined);
    };
  }
}
