import { describe, expect, it } from 'vitest';
import { ShopifyCostBudget } from './shopify-cost-budget.ts';
import { VirtualClock } from './virtual-clock.ts';

const rejections = { exhausted: () => new Error('exhausted'), aborted: () => new Error('aborted') };
const never = new AbortController().signal;

// The throttleStatus of the reference payload (vendor-reference shopify examples): 1000 / 50.
const referenceStatus = { maximumAvailable: 1000, currentlyAvailable: 990, restoreRate: 50 };

describe('ShopifyCostBudget', () => {
  it('starts from the configured guesses', () => {
    const budget = new ShopifyCostBudget({ maximumAvailable: 1000, restoreRate: 50 }, new VirtualClock(), rejections);
    expect(budget.snapshot()).toEqual({ available: 1000, maximum: 1000, restoreRate: 50, fraction: 1, waiting: 0 });
  });

  it('re-syncs from throttleStatus, including the plan limits', () => {
    const budget = new ShopifyCostBudget({ maximumAvailable: 1000, restoreRate: 50 }, new VirtualClock(), rejections);
    budget.observe({ maximumAvailable: 2000, currentlyAvailable: 1500, restoreRate: 100 });
    expect(budget.snapshot()).toMatchObject({ available: 1500, maximum: 2000, restoreRate: 100, fraction: 0.75 });
  });

  it('refunds requested − actual when an answer carries no throttleStatus', async () => {
    const clock = new VirtualClock();
    const budget = new ShopifyCostBudget({ maximumAvailable: 1000, restoreRate: 50 }, clock, rejections);
    await budget.spend(102, clock.now() + 1000, never, async () => budget.observe(undefined, 102, 12));
    expect(budget.snapshot().available).toBe(988);
  });

  it('inside an attempt, takes the reported figure minus the other calls still in flight (its own reservation handed back)', async () => {
    const clock = new VirtualClock();
    const budget = new ShopifyCostBudget({ maximumAvailable: 1000, restoreRate: 50 }, clock, rejections);
    let releaseOther!: () => void;
    const other = budget.spend(100, clock.now() + 1000, never, () => new Promise<void>((resolve) => (releaseOther = resolve)));
    await budget.spend(10, clock.now() + 1000, never, async (reservation) => budget.observe(referenceStatus, 10, 10, reservation));
    expect(budget.snapshot().available).toBe(890); // 990 reported − 100 still in flight elsewhere
    releaseOther();
    await other;
  });

  it('an answer observed without its reservation counts that call as still in flight (errs towards waiting)', async () => {
    const clock = new VirtualClock();
    const budget = new ShopifyCostBudget({ maximumAvailable: 1000, restoreRate: 50 }, clock, rejections);
    await budget.spend(10, clock.now() + 1000, never, async () => budget.observe(referenceStatus, 10, 10));
    expect(budget.snapshot().available).toBe(980); // 990 reported − its own 10 still counted
  });

  it('outside an attempt, the observed call is already settled', async () => {
    const clock = new VirtualClock();
    const budget = new ShopifyCostBudget({ maximumAvailable: 1000, restoreRate: 50 }, clock, rejections);
    await budget.spend(10, clock.now() + 1000, never, async () => undefined);
    budget.observe(referenceStatus, 10, 10);
    expect(budget.snapshot().available).toBe(990);
  });

  it('paces a burst larger than the bucket instead of overdrawing it', async () => {
    const clock = new VirtualClock();
    const start = clock.now();
    const budget = new ShopifyCostBudget({ maximumAvailable: 100, restoreRate: 50 }, clock, rejections);
    const seen: number[] = [];
    await Promise.all(
      Array.from({ length: 6 }, () =>
        budget.spend(40, start + 60_000, never, async () => {
          seen.push(budget.snapshot().available);
        }),
      ),
    );
    expect(Math.min(...seen)).toBeGreaterThanOrEqual(0);
    expect(clock.now() - start).toBe(2800); // 240 points, 100 in the bucket, 140 more at 50/s
    expect(budget.secondsUntil(40)).toBeCloseTo(0.8);
  });
});
