import { Client, type Pool } from 'pg';

const CHANNEL = 'event_store_changed';

/**
 * Wakes subscribers after appends. NOTIFY is sent after commit, outside the
 * append, and coalesced to at most one in flight: NOTIFY serialises commits on
 * a global lock, so one per append would throttle writers. Polling covers
 * anything missed.
 */
export class ChangeNotifier {
  private inFlight = false;
  private again = false;

  constructor(private readonly pool: Pool) {}

  /** Note that events were appended; subscribers in every process are woken soon. */
  changed(): void {
    if (this.inFlight) {
      this.again = true;
      return;
    }
    this.inFlight = true;
    this.pool
      .query(`SELECT pg_notify('${CHANNEL}', '')`)
      .catch(() => undefined)
      .finally(() => {
        this.inFlight = false;
        if (this.again) {
          this.again = false;
          this.changed();
        }
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
