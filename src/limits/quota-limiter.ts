import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

export type QuotaVerdict = { readonly allowed: true } | { readonly allowed: false; readonly retryAfterMs: number };

/**
 * Spends per-minute allowances by key. The gateway's only view of the limiter library, so that a
 * shared store (Redis, for several instances) can replace the in-memory one behind it.
 */
export interface QuotaLimiter {
  /** Spends `amount` of `key`'s allowance of `perMinute`; when it does not fit, nothing is spent. */
  spend(key: string, amount: number, perMinute: number): Promise<QuotaVerdict>;
}

/** In-process counters (rate-limiter-flexible's RateLimiterMemory), one per allowance size. */
export function memoryQuotaLimiter(): QuotaLimiter {
  const limiters = new Map<number, RateLimiterMemory>();
  const limiterFor = (perMinute: number) => {
    let limiter = limiters.get(perMinute);
    if (!limiter) {
      limiter = new RateLimiterMemory({ points: perMinute, duration: 60, keyPrefix: `quota-${perMinute}` });
      limiters.set(perMinute, limiter);
    }
    return limiter;
  };
  return {
    async spend(key, amount, perMinute) {
      if (amount <= 0) return { allowed: true };
      const limiter = limiterFor(perMinute);
      try {
        await limiter.consume(key, amount);
        return { allowed: true };
      } catch (refusal) {
        if (!(refusal instanceof RateLimiterRes)) throw refusal;
        // consume() counted the points even though they did not fit: give them back, so a refused
        // request costs nothing and the caller is back in budget when the window turns.
        await limiter.reward(key, amount);
        return { allowed: false, retryAfterMs: Math.max(1, refusal.msBeforeNext) };
      }
    },
  };
}
