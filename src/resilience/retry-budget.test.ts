import { describe, expect, it } from 'vitest';
import { RetryBudget } from './retry-budget.ts';
import { VirtualClock } from './virtual-clock.ts';

describe('RetryBudget', () => {
  it('allows the floor (minPerSecond × window seconds) with no traffic', () => {
    const budget = new RetryBudget({ ratio: 0.1, minPerSecond: 1 }, new VirtualClock(), 10_000);
    expect(budget.remaining()).toBe(10);
    let granted = 0;
    while (budget.tryAcquireRetry()) granted += 1;
    expect(granted).toBe(10);
  });

  it('adds ratio × calls on top of the floor', () => {
    const budget = new RetryBudget({ ratio: 0.1, minPerSecond: 0 }, new VirtualClock(), 10_000);
    for (let i = 0; i < 100; i += 1) budget.recordCall();
    let granted = 0;
    while (budget.tryAcquireRetry()) granted += 1;
    expect(granted).toBe(10);
  });

  it('forgets calls and retries older than the window', () => {
    const clock = new VirtualClock();
    const budget = new RetryBudget({ ratio: 0.5, minPerSecond: 0 }, clock, 10_000);
    for (let i = 0; i < 4; i += 1) budget.recordCall();
    expect(budget.tryAcquireRetry()).toBe(true);
    expect(budget.tryAcquireRetry()).toBe(true);
    expect(budget.tryAcquireRetry()).toBe(false);
    clock.advance(11_000);
    expect(budget.remaining()).toBe(0);
    budget.recordCall();
    budget.recordCall();
    expect(budget.tryAcquireRetry()).toBe(true);
  });

  it('bounds a total outage: N calls with 2 retries each reach at most N × 1.1 + floor requests', () => {
    const budget = new RetryBudget({ ratio: 0.1, minPerSecond: 1 }, new VirtualClock(), 10_000);
    let requests = 0;
    for (let call = 0; call < 200; call += 1) {
      budget.recordCall();
      requests += 1;
      for (let retry = 0; retry < 2 && budget.tryAcquireRetry(); retry += 1) requests += 1;
    }
    expect(requests).toBeLessThanOrEqual(200 * 1.1 + 10);
    expect(requests).toBe(230);
  });
});
