import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Lets at most `perSecond` requests start per second by spacing them
 * `1000 / perSecond` ms apart. Callers queue in arrival order: each one
 * reserves the next free slot at once, then sleeps until it comes.
 */
export class RequestSpacing {
  private readonly intervalMs: number;
  /** performance.now() of the next free slot: monotonic, unlike Date.now(). */
  private nextSlotAt = Number.NEGATIVE_INFINITY;

  constructor(perSecond: number) {
    if (!(perSecond > 0)) throw new RangeError(`requests per second must be positive, got ${perSecond}`);
    this.intervalMs = 1000 / perSecond;
  }

  /** Resolves when the caller may start its request. */
  async take(): Promise<void> {
    const now = performance.now();
    const slot = Math.max(now, this.nextSlotAt);
    this.nextSlotAt = slot + this.intervalMs;
    if (slot > now) await sleep(Math.ceil(slot - now));
  }
}
