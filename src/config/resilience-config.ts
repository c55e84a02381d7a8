import { z } from 'zod';
import { UpstreamErrorClass } from '../errors/error-code.ts';

/** How the delay before a retry grows; a list of milliseconds in config means a custom schedule. */
export const BackoffKind = { FIXED: 'fixed', LINEAR: 'linear', EXPONENTIAL: 'exponential' } as const;
export type BackoffKind = (typeof BackoffKind)[keyof typeof BackoffKind];

/**
 * What opens a closed circuit: `consecutive` failures in a row, a failure `sampling` rate over a
 * sliding window, or `combined` (either one; the default): the rate keeps a vendor that fails
 * some calls from flapping, the run of failures opens on a dead vendor before the window has
 * seen its minimum of calls.
 */
export const BreakerMode = { CONSECUTIVE: 'consecutive', SAMPLING: 'sampling', COMBINED: 'combined' } as const;
export type BreakerMode = (typeof BreakerMode)[keyof typeof BreakerMode];

/** Every attempt counts, including the first: 3 means one call and at most two retries. */
export const MAX_TOTAL_ATTEMPTS = 3;

const ms = z.number().int().min(0);
const positiveMs = z.number().int().positive();
const errorClassSchema = z.enum(Object.values(UpstreamErrorClass) as [UpstreamErrorClass, ...UpstreamErrorClass[]]);

const retrySchema = z
  .object({
    /** Total attempts including the first (1 turns retries off). */
    maxAttempts: z.number().int().min(1).max(MAX_TOTAL_ATTEMPTS, `at most ${MAX_TOTAL_ATTEMPTS} attempts in total`),
    /** "fixed" | "linear" | "exponential", or a list of delays in ms (custom; the last repeats). */
    backoff: z.union([z.enum(Object.values(BackoffKind) as [BackoffKind, ...BackoffKind[]]), z.array(ms).min(1)]),
    initialDelayMs: ms,
    maxDelayMs: ms,
    /** Spread each delay over [delay/2, delay) so clients that failed together do not retry together. */
    jitter: z.boolean(),
    /** Error classes worth another attempt (and only for idempotent calls). */
    retryOn: z.array(errorClassSchema),
  })
  .partial()
  .strict();

const retryBudgetSchema = z
  .object({
    /** Retries allowed as a fraction of recent calls. */
    ratio: z.number().min(0).max(1),
    /** Retries always allowed per second, even with little traffic. */
    minPerSecond: z.number().min(0),
  })
  .partial()
  .strict();

const breakerSchema = z
  .object({
    mode: z.enum([BreakerMode.CONSECUTIVE, BreakerMode.SAMPLING, BreakerMode.COMBINED]),
    /** consecutive / combined: failures in a row that open the circuit (a dead vendor). */
    threshold: z.number().int().positive(),
    /**
     * sampling / combined: the circuit opens when more than this share of the window's calls
     * failed (0 < ratio < 1). Also judges the half-open probes.
     */
    ratio: z.number().gt(0).lt(1),
    /** sampling / combined: calls the window must hold before its failure rate counts. */
    minimumCalls: z.number().int().positive(),
    /** Older spelling of `minimumCalls` as calls per second over the window; `minimumCalls` wins. */
    minimumRps: z.number().positive(),
    /** Length of the sliding window (cockatiel's SamplingBreaker keeps it in ≥ 5 slices). */
    windowMs: positiveMs,
    /** Cool-down of an open circuit before probes are let through. */
    halfOpenAfterMs: positiveMs,
    /**
     * Calls let through while half-open. The circuit closes once they all answered with a
     * failure share of at most `ratio`, and opens again as soon as more failed than that allows.
     */
    halfOpenProbes: z.number().int().positive(),
  })
  .partial()
  .strict();

const bulkheadSchema = z
  .object({
    maxConcurrent: z.number().int().positive(),
    /** Calls waiting for a slot; beyond this a call fails fast with VENDOR_UNAVAILABLE. */
    maxQueue: z.number().int().min(0),
  })
  .partial()
  .strict();

const rateLimitSchema = z
  .object({
    requestsPerSecond: z.number().positive(),
    burst: z.number().int().positive(),
  })
  .strict();

const costBudgetSchema = z
  .object({
    /** Initial guesses for Shopify's cost bucket; replaced by `extensions.cost.throttleStatus` from every answer. */
    maximumAvailable: z.number().positive(),
    restoreRate: z.number().positive(),
  })
  .partial()
  .strict();

/**
 * Per-vendor resilience overrides. Every field has a platform default
 * (src/resilience/platform-defaults.ts); config only overrides what it names.
 */
export const resilienceConfigSchema = z
  .object({
    /** Upper bound of one upstream attempt, in ms (the client's deadline may cut it shorter). */
    timeoutMs: positiveMs.optional(),
    retry: retrySchema.optional(),
    retryBudget: retryBudgetSchema.optional(),
    breaker: breakerSchema.optional(),
    bulkhead: bulkheadSchema.optional(),
    /** Request-rate limit for REST vendors; `null` turns a platform default off. Shopify paces by cost instead. */
    rateLimit: rateLimitSchema.nullable().optional(),
    /** Shopify's calculated-query-cost bucket (ignored for other platforms). */
    costBudget: costBudgetSchema.optional(),
  })
  .strict();

export type ResilienceConfig = z.infer<typeof resilienceConfigSchema>;

type Complete<T> = { readonly [K in keyof T]-?: Exclude<T[K], undefined> };

export type RetrySettings = Complete<z.infer<typeof retrySchema>>;
export type RetryBudgetSettings = Complete<z.infer<typeof retryBudgetSchema>>;
export type BreakerSettings = Complete<Omit<z.infer<typeof breakerSchema>, 'minimumRps'>>;
export type BulkheadSettings = Complete<z.infer<typeof bulkheadSchema>>;
export type RateLimitSettings = Readonly<z.infer<typeof rateLimitSchema>>;
export type CostBudgetSettings = Complete<z.infer<typeof costBudgetSchema>>;

/** The settings a policy is built from: platform defaults with the vendor's overrides applied. */
export interface ResolvedResilience {
  readonly timeoutMs: number;
  readonly retry: RetrySettings;
  readonly retryBudget: RetryBudgetSettings;
  readonly breaker: BreakerSettings;
  readonly bulkhead: BulkheadSettings;
  readonly rateLimit: RateLimitSettings | null;
  readonly costBudget: CostBudgetSettings | null;
}
