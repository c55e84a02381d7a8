import { describe, expect, it } from 'vitest';
import { PacedTokenBucket } from './paced-token-bucket.ts';
import { VirtualClock } from './virtual-clock.ts';

class Exhausted extends Error {
  constructor(readonly waitMs: number) {
    super(`exhausted (${waitMs} ms)`);
  }
}
const rejections = { exhausted: (waitMs: number) => new Exhausted(waitMs), aborted: () => new Error('aborted') };
const never = new AbortController().signal;

function bucket(clock: VirtualClock, available = 100, maximum = 100, restoreRate = 50) {
  return new PacedTokenBucket({ available, maximum, restoreRate }, clock, rejections);
}

describe('PacedTokenBucket', () => {
  it('grants at once while the bucket holds the cost', async () => {
    const clock = new VirtualClock();
    const b = bucket(clock);
    await b.acquire(60, clock.now() + 1000, never);
    await b.acquire(40, clock.now() + 1000, never);
    expect(clock.now() - new VirtualClock().now()).toBe(0);
    expect(b.state().available).toBe(0);
  });

  it('waits exactly as long as the restore rate needs', async () => {
    const clock = new VirtualClock();
    const start = clock.now();
    const b = bucket(clock, 0);
    await b.acquire(25, start + 10_000, never);
    expect(clock.now() - start).toBe(500); // 25 points at 50/s
  });

  it('serves waiters first in, first out and never overdraws', async () => {
    const clock = new VirtualClock();
    const start = clock.now();
    const b = bucket(clock, 10);
    const order: number[] = [];
    const levels: number[] = [];
    await Promise.all(
      [50, 10, 30].map((cost, index) =>
        b.acquire(cost, start + 60_000, never).then(() => {
          order.push(index);
          levels.push(b.state().available);
        }),
      ),
    );
    expect(order).toEqual([0, 1, 2]);
    expect(Math.min(...levels)).toBeGreaterThanOrEqual(0);
    expect(clock.now() - start).toBe(1600); // 90 points needed, 10 there, 80 more at 50/s
  });

  it('rejects at once a caller that could not be served before its deadline, counting the queue ahead', async () => {
    const clock = new VirtualClock();
    const start = clock.now();
    const b = bucket(clock, 0);
    const first = b.acquire(50, start + 5_000, never); // needs 1000 ms
    const second = b.acquire(50, start + 1_500, never); // would need 2000 ms behind the first
    await expect(second).rejects.toEqual(new Exhausted(2000));
    await first;
    expect(clock.now() - start).toBe(1000);
  });

  it('caps a cost above the maximum at a full bucket', async () => {
    const clock = new VirtualClock();
    const b = bucket(clock, 0, 100, 100);
    const start = clock.now();
    await b.acquire(150, start + 10_000, never);
    expect(clock.now() - start).toBe(1000);
    expect(b.state().available).toBe(-50);
  });

  it('re-syncs from the vendor and accepts refunds', () => {
    const clock = new VirtualClock();
    const b = bucket(clock, 100, 100, 50);
    b.sync({ available: 300, maximum: 2000, restoreRate: 100 });
    expect(b.state()).toEqual({ available: 300, maximum: 2000, restoreRate: 100 });
    b.refund(50);
    expect(b.state().available).toBe(350);
    clock.advance(1000);
    expect(b.state().available).toBe(450);
  });

  it('rejects a waiter whose signal aborts', async () => {
    const clock = new VirtualClock();
    const b = bucket(clock, 0);
    const controller = new AbortController();
    controller.abort();
    await expect(b.acquire(10, clock.now() + 10_000, controller.signal)).rejects.toThrow('aborted');
  });
});
