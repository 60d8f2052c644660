import type { Pool } from 'pg';
import { ChangeNotifier } from './change-notifier';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A pool that answers each query after `latencyMs` and records when it was sent. */
const fakePool = (latencyMs = 1) => {
  const sent: number[] = [];
  const pool = {
    query: () => {
      sent.push(Date.now());
      return sleep(latencyMs).then(() => ({ rows: [] }));
    },
  } as unknown as Pool;
  return { pool, sent };
};

describe('ChangeNotifier', () => {
  it('notifies at once after a quiet spell', async () => {
    const { pool, sent } = fakePool();
    const startedAt = Date.now();
    new ChangeNotifier(pool, 50).changed();
    expect(sent).toHaveLength(1);
    expect(sent[0] - startedAt).toBeLessThan(5);
  });

  it('coalesces a stream of appends to one NOTIFY per interval, and sends the last one', async () => {
    const { pool, sent } = fakePool();
    const notifier = new ChangeNotifier(pool, 20);
    const until = Date.now() + 200;
    while (Date.now() < until) {
      notifier.changed();
      await sleep(1);
    }
    const lastChange = Date.now();
    await sleep(60);
    expect(sent.length).toBeGreaterThanOrEqual(5);
    expect(sent.length).toBeLessThanOrEqual(12); // 200 ms at one per 20 ms, and the last
    for (let i = 1; i < sent.length; i++) expect(sent[i] - sent[i - 1]).toBeGreaterThanOrEqual(19);
    expect(sent[sent.length - 1]).toBeGreaterThanOrEqual(lastChange - 21); // nothing appended goes unnotified
  });
});
