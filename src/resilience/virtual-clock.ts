import { setImmediate } from 'node:timers/promises';
import type { Clock } from './clock.ts';

/**
 * A Clock for tests and simulations: time stands still until someone sleeps, and a sleep
 * yields one macrotask (so I/O and other callers run) and then moves time to its wake-up
 * point. Concurrent sleeps end at the latest of their wake-up points, not their sum.
 * Share one instance between a policy and a fake vendor so both see the same time.
 */
export class VirtualClock implements Clock {
  private time: number;

  constructor(start = Date.UTC(2026, 0, 1)) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  advance(ms: number): void {
    this.time += ms;
  }

  async sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return;
    const wakeAt = this.time + Math.max(0, ms);
    await setImmediate();
    this.time = Math.max(this.time, wakeAt);
  }
}
