import { describe, expect, it } from 'vitest';
import { UpstreamErrorClass } from '../errors/error-code.ts';
import { platformDefaults, resolveResilience } from './platform-defaults.ts';
import { resilienceConfigSchema } from '../config/resilience-config.ts';

describe('resilience config', () => {
  it('defaults every platform to the four retryable classes, at most 3 attempts, a 10% retry budget', () => {
    for (const platform of ['shopify', 'woocommerce', 'magento', 'custom'] as const) {
      const settings = platformDefaults(platform);
      expect(settings.retry.retryOn).toEqual([UpstreamErrorClass.NETWORK, UpstreamErrorClass.TIMEOUT, UpstreamErrorClass.RATE_LIMIT, UpstreamErrorClass.SERVER]);
      expect(settings.retry.maxAttempts).toBeLessThanOrEqual(3);
      expect(settings.retryBudget.ratio).toBe(0.1);
    }
  });

  it('paces Shopify by cost, WooCommerce and custom by request rate, Magento not at all', () => {
    expect(platformDefaults('shopify')).toMatchObject({ costBudget: { maximumAvailable: 1000, restoreRate: 50 }, rateLimit: null });
    expect(platformDefaults('woocommerce').rateLimit).toEqual({ requestsPerSecond: 10, burst: 20 });
    expect(platformDefaults('magento')).toMatchObject({ rateLimit: null, costBudget: null });
    expect(platformDefaults('custom').rateLimit).not.toBeNull();
  });

  it('applies overrides section by section', () => {
    const overrides = resilienceConfigSchema.parse({ timeoutMs: 2000, retry: { backoff: [50, 200] }, breaker: { halfOpenAfterMs: 500 }, rateLimit: null });
    const settings = resolveResilience('woocommerce', overrides);
    expect(settings.timeoutMs).toBe(2000);
    expect(settings.retry).toMatchObject({ backoff: [50, 200], maxAttempts: 3, jitter: true });
    expect(settings.breaker).toMatchObject({ halfOpenAfterMs: 500, threshold: 10, minimumCalls: 20 });
    expect(settings.rateLimit).toBeNull();
  });

  it('opens on a 50% failure rate over at least 20 calls in 30 s, or on 10 failures in a row, and probes with 3 calls', () => {
    for (const platform of ['shopify', 'woocommerce', 'magento', 'custom'] as const) {
      expect(platformDefaults(platform).breaker).toEqual({ mode: 'combined', ratio: 0.5, minimumCalls: 20, windowMs: 30_000, threshold: 10, halfOpenAfterMs: 10_000, halfOpenProbes: 3 });
    }
    // The older `minimumRps` spelling still works: a rate over the window is a number of calls.
    expect(resolveResilience('magento', resilienceConfigSchema.parse({ breaker: { minimumRps: 1, windowMs: 10_000 } })).breaker.minimumCalls).toBe(10);
  });

  it('refuses more than 3 attempts, unknown error classes and unknown fields', () => {
    expect(resilienceConfigSchema.safeParse({ retry: { maxAttempts: 4 } }).success).toBe(false);
    expect(resilienceConfigSchema.safeParse({ retry: { retryOn: ['client-ish'] } }).success).toBe(false);
    expect(resilienceConfigSchema.safeParse({ retries: 3 }).success).toBe(false);
    expect(resilienceConfigSchema.safeParse({ breaker: { mode: 'sampling', ratio: 1.5 } }).success).toBe(false);
    expect(resilienceConfigSchema.safeParse({ breaker: { mode: 'rate' } }).success).toBe(false);
    expect(resilienceConfigSchema.safeParse({ breaker: { halfOpenProbes: 0 } }).success).toBe(false);
  });
});
