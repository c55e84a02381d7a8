import type { VendorConfig } from '../config/config-schema.ts';
import { UpstreamErrorClass } from '../errors/error-code.ts';
import { assertNever } from '../model/platform.ts';
import { BackoffKind, BreakerMode, type BreakerSettings, type ResilienceConfig, type ResolvedResilience } from '../config/resilience-config.ts';

export type VendorPlatformName = VendorConfig['platform'];

const COMMON: Omit<ResolvedResilience, 'rateLimit' | 'costBudget'> = {
  timeoutMs: 5_000,
  retry: {
    maxAttempts: 3,
    backoff: BackoffKind.EXPONENTIAL,
    initialDelayMs: 100,
    maxDelayMs: 2_000,
    jitter: true,
    retryOn: [UpstreamErrorClass.NETWORK, UpstreamErrorClass.TIMEOUT, UpstreamErrorClass.RATE_LIMIT, UpstreamErrorClass.SERVER],
  },
  retryBudget: { ratio: 0.1, minPerSecond: 1 },
  // A failure rate over a window, like resilience4j's default model (50% of at least 20 calls),
  // so a vendor failing a third of its calls stays closed and is retried instead of flapping;
  // 10 failures in a row still open at once for a vendor that is down. Half-open admits 3 probes.
  breaker: {
    mode: BreakerMode.COMBINED,
    threshold: 10,
    ratio: 0.5,
    minimumCalls: 20,
    windowMs: 30_000,
    halfOpenAfterMs: 10_000,
    halfOpenProbes: 3,
  },
  bulkhead: { maxConcurrent: 8, maxQueue: 100 },
};

/**
 * Defaults per platform, from the vendor facts in the reference notes (sources cited per entry).
 * Config overrides any field; see resolveResilience.
 */
export function platformDefaults(platform: VendorPlatformName): ResolvedResilience {
  switch (platform) {
    case 'shopify':
      // Calculated query cost, leaky bucket per app and store. Older docs: a 1000-point bucket
      // restoring 50/s (shopify.dev ".../graphql-admin-api-rate-limits"); current plans restore
      // 100-2000/s. Start from the older, smaller figures and re-sync from every answer's
      // `extensions.cost.throttleStatus`. Request rate is not limited separately.
      return {
        ...COMMON,
        timeoutMs: 10_000,
        bulkhead: { maxConcurrent: 10, maxQueue: 200 },
        rateLimit: null,
        costBudget: { maximumAvailable: 1000, restoreRate: 50 },
      };
    case 'woocommerce':
      // The wc/v3 docs document no rate limit, but a WordPress host is usually a small PHP pool:
      // keep a modest request rate so the gateway is never the one that takes the shop down.
      return { ...COMMON, bulkhead: { maxConcurrent: 6, maxQueue: 100 }, rateLimit: { requestsPerSecond: 10, burst: 20 }, costBudget: null };
    case 'magento':
      // Adobe Commerce has no request-rate limit by default (get-started/api-security.md);
      // concurrency is bounded by the bulkhead only.
      return { ...COMMON, rateLimit: null, costBudget: null };
    case 'custom':
      // Unknown API: conservative on every axis.
      return {
        ...COMMON,
        retry: { ...COMMON.retry, maxAttempts: 2 },
        bulkhead: { maxConcurrent: 4, maxQueue: 50 },
        rateLimit: { requestsPerSecond: 5, burst: 10 },
        costBudget: null,
      };
    default:
      return assertNever(platform, 'platform');
  }
}

/** Platform defaults with the vendor's overrides applied, section by section. */
export function resolveResilience(platform: VendorPlatformName, overrides: ResilienceConfig = {}): ResolvedResilience {
  const defaults = platformDefaults(platform);
  return Object.freeze({
    timeoutMs: overrides.timeoutMs ?? defaults.timeoutMs,
    retry: { ...defaults.retry, ...overrides.retry },
    retryBudget: { ...defaults.retryBudget, ...overrides.retryBudget },
    breaker: resolveBreaker(defaults.breaker, overrides.breaker),
    bulkhead: { ...defaults.bulkhead, ...overrides.bulkhead },
    rateLimit: overrides.rateLimit === undefined ? defaults.rateLimit : overrides.rateLimit,
    costBudget: defaults.costBudget ? { ...defaults.costBudget, ...overrides.costBudget } : null,
  });
}

function resolveBreaker(defaults: BreakerSettings, overrides: ResilienceConfig['breaker'] = {}): BreakerSettings {
  const { minimumRps, ...rest } = overrides;
  const windowMs = rest.windowMs ?? defaults.windowMs;
  const fromRate = minimumRps === undefined ? undefined : Math.max(1, Math.ceil((minimumRps * windowMs) / 1000));
  return { ...defaults, ...rest, minimumCalls: rest.minimumCalls ?? fromRate ?? defaults.minimumCalls };
}
