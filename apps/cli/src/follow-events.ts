import { type Checkpoint, checkpointOf, ChangeNotifier, type StoredEvent } from '@cm/event-store';
import type { CliContext } from './cli-context';
import type { EventFilter } from './queries/tail-start.query';

const FOLLOW_POLL_MS = 500;
const BATCH = 1000;

/**
 * Prints events committed after `from` as they come: polls every 500 ms, and at once
 * when an append is notified (LISTEN), until SIGINT or SIGTERM.
 */
export async function followEvents(
  context: CliContext,
  filter: EventFilter,
  from: Checkpoint,
  print: (batch: readonly StoredEvent[]) => Promise<void>,
): Promise<void> {
  const store = context.eventStore();
  let checkpoint = from;
  let stopping = false;
  let wake: (() => void) | undefined;
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wake = undefined;
        resolve();
      }
      wake = done;
    });
  const stop = () => {
    stopping = true;
    wake?.();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  process.stderr.write('following new events; Ctrl-C to stop\n');
  const unlisten = await new ChangeNotifier(context.database.pool)
    .listen(context.database.url, () => wake?.())
    .catch(() => undefined); // polling alone still works
  try {
    while (!stopping) {
      const batch = await store.readAll({ ...filter, after: checkpoint, limit: BATCH });
      await print(batch);
      if (batch.length > 0) checkpoint = checkpointOf(batch[batch.length - 1]);
      if (batch.length < BATCH && !stopping) await pause(FOLLOW_POLL_MS);
    }
  } catch (error) {
    if (!stopping) throw error; // a query cut short by Ctrl-C is not an error
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    await unlisten?.();
  }
}
