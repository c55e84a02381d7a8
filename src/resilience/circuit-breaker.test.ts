import { BrokenCircuitError } from 'cockatiel';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { UpstreamErrorClass } from '../errors/error-code.ts';
import { UpstreamError } from '../errors/gateway-error.ts';
import { SeededRandom } from '../sandbox/seeded-random.ts';
import { buildCircuitBreaker } from './circuit-breaker.ts';
import { systemClock } from './clock.ts';
import { platformDefaults } from './platform-defaults.ts';
import type { BreakerSettings } from '../config/resilience-config.ts';
import { CallCancelledError } from './resilience-errors.ts';
import type { CircuitStatus } from './vendor-health.ts';
import { circuitStatus } from './circuit-breaker.ts';

/**
 * The breaker's time is faked (Date only: cockatiel's SamplingBreaker windows and the cool-down
 * both read Date.now()); nothing sleeps. Calls are counted, not timed.
 */
const DEFAULTS: BreakerSettings = platformDefaults('woocommerce').breaker;
const serverError = () => new UpstreamError('503', { vendorId: 'v', errorClass: UpstreamErrorClass.SERVER, status: 503 });
const clientError = () => new UpstreamError('404', { vendorId: 'v', errorClass: UpstreamErrorClass.CLIENT, status: 404 });

function harness(settings: Partial<BreakerSettings> = {}) {
  const breaker = buildCircuitBreaker({ ...DEFAULTS, ...settings }, systemClock);
  const transitions: CircuitStatus[] = [];
  breaker.onStateChange((state) => transitions.push(circuitStatus(state)));
  let sent = 0;
  let refused = 0;
  const call = async (fails: boolean | (() => Error)): Promise<'ok' | 'failed' | 'refused'> => {
    try {
      await breaker.execute(async () => {
        sent += 1;
        if (fails === true) throw serverError();
        if (typeof fails === 'function') throw fails();
        return 'ok';
      });
      return 'ok';
    } catch (error) {
      if (error instanceof BrokenCircuitError) {
        refused += 1;
        return 'refused';
      }
      return 'failed';
    }
  };
  return { breaker, transitions, call, counts: () => ({ sent, refused }) };
}

describe('the vendor circuit breaker (defaults: 50% of ≥ 20 calls in 30 s, or 10 in a row; 3 half-open probes)', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.UTC(2026, 11, 1));
  });
  afterEach(() => vi.useRealTimers());

  it('keeps a vendor that fails 30% of its calls closed: 2,000 calls at 20 per second, never opened', async () => {
    const { transitions, call, counts } = harness();
    const random = new SeededRandom(30);
    for (let n = 0; n < 2_000; n += 1) {
      vi.advanceTimersByTime(50);
      await call(random.chance(0.3));
    }
    expect(transitions).toEqual([]);
    expect(counts()).toEqual({ sent: 2_000, refused: 0 });
  });

  it('(control) the old default, 5 in a row with one probe, opens on that same vendor and refuses its calls', async () => {
    const { transitions, call, counts } = harness({ mode: 'consecutive', threshold: 5, halfOpenProbes: 1 });
    const random = new SeededRandom(30);
    for (let n = 0; n < 2_000; n += 1) {
      vi.advanceTimersByTime(50);
      await call(random.chance(0.3));
    }
    expect(transitions.filter((state) => state === 'OPEN').length).toBeGreaterThan(0);
    expect(counts().refused).toBeGreaterThan(100);
  });

  it('opens on a failure rate above the ratio once the window holds the minimum of calls', async () => {
    const { breaker, call, counts } = harness({ threshold: 1_000 });
    for (let n = 0; n < 19; n += 1) {
      vi.advanceTimersByTime(100);
      await call(n % 3 !== 0); // two in three fail, but fewer than 20 calls: not yet
    }
    expect(circuitStatus(breaker.state)).toBe('CLOSED');
    await call(true);
    expect(circuitStatus(breaker.state)).toBe('OPEN');
    expect(await call(false)).toBe('refused');
    expect(counts()).toEqual({ sent: 20, refused: 1 });
  });

  it('opens a dead vendor after N consecutive failures, before the window has its minimum of calls', async () => {
    const { transitions, call, counts } = harness({ threshold: 4 });
    for (let n = 0; n < 3; n += 1) expect(await call(true)).toBe('failed');
    expect(transitions).toEqual([]);
    expect(await call(true)).toBe('failed');
    expect(transitions).toEqual(['OPEN']);
    for (let n = 0; n < 5; n += 1) expect(await call(true)).toBe('refused');
    expect(counts()).toEqual({ sent: 4, refused: 5 });
  });

  it('half-open admits k probes at once, refuses the rest, and closes after they succeed', async () => {
    const { breaker, transitions, call, counts } = harness({ threshold: 2, halfOpenProbes: 3 });
    await call(true);
    await call(true);
    vi.advanceTimersByTime(DEFAULTS.halfOpenAfterMs);
    const release: Array<() => void> = [];
    const probe = () => breaker.execute(() => new Promise<void>((resolve) => release.push(resolve)));
    const probes = [probe(), probe(), probe()];
    await expect(probe()).rejects.toBeInstanceOf(BrokenCircuitError); // a fourth is refused while three are out
    expect(release).toHaveLength(3);
    expect(transitions).toEqual(['OPEN', 'HALF_OPEN']);
    release.splice(0, 2).forEach((resolve) => resolve());
    await Promise.all(probes.slice(0, 2));
    expect(circuitStatus(breaker.state)).toBe('HALF_OPEN'); // two of three answered
    release.splice(0).forEach((resolve) => resolve());
    await Promise.all(probes);
    expect(transitions).toEqual(['OPEN', 'HALF_OPEN', 'CLOSED']);
    expect(await call(false)).toBe('ok');
    expect(counts()).toEqual({ sent: 3, refused: 0 });
  });

  it('half-open tolerates a failing probe within the ratio (1 of 3), and reopens when more fail', async () => {
    const tolerant = harness({ threshold: 2, halfOpenProbes: 3 });
    await tolerant.call(true);
    await tolerant.call(true);
    vi.advanceTimersByTime(DEFAULTS.halfOpenAfterMs);
    expect([await tolerant.call(true), await tolerant.call(false), await tolerant.call(false)]).toEqual(['failed', 'ok', 'ok']);
    expect(tolerant.transitions).toEqual(['OPEN', 'HALF_OPEN', 'CLOSED']);

    const dead = harness({ threshold: 2, halfOpenProbes: 3 });
    await dead.call(true);
    await dead.call(true);
    vi.advanceTimersByTime(DEFAULTS.halfOpenAfterMs);
    expect([await dead.call(true), await dead.call(true), await dead.call(false)]).toEqual(['failed', 'failed', 'refused']);
    expect(dead.transitions).toEqual(['OPEN', 'HALF_OPEN', 'OPEN']);
    expect(dead.counts()).toEqual({ sent: 4, refused: 1 });
  });

  it('a probe whose caller went away frees its slot; a 4xx answer counts as the vendor answering', async () => {
    const { transitions, call, counts } = harness({ threshold: 1, halfOpenProbes: 2 });
    await call(true);
    vi.advanceTimersByTime(DEFAULTS.halfOpenAfterMs);
    expect(await call(() => new CallCancelledError('v'))).toBe('failed');
    expect(await call(clientError)).toBe('failed');
    expect(transitions).toEqual(['OPEN', 'HALF_OPEN']);
    expect(await call(false)).toBe('ok');
    expect(transitions).toEqual(['OPEN', 'HALF_OPEN', 'CLOSED']);
    expect(counts()).toEqual({ sent: 4, refused: 0 });
  });

  it('after closing, failures from before the outage do not count again', async () => {
    const { transitions, call } = harness({ threshold: 3, halfOpenProbes: 1 });
    for (let n = 0; n < 3; n += 1) await call(true);
    vi.advanceTimersByTime(DEFAULTS.halfOpenAfterMs);
    await call(false);
    await call(true);
    await call(true);
    expect(transitions).toEqual(['OPEN', 'HALF_OPEN', 'CLOSED']);
  });
});
