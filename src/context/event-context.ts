import type { RequestContext } from './request-context.ts';
import { RequestLoaders } from './request-loaders.ts';

/** Events resolved within this window share one deadline timer (a thousand subscribers, one timer). */
const DEADLINE_WINDOW_MS = 100;
let shared: { readonly until: number; readonly timeoutMs: number; readonly signal: AbortSignal } | null = null;

/**
 * The context one subscription event is resolved with: the subscription's caller, flags, logger
 * and services, but fresh loaders (an event must not read what an earlier event cached) and its
 * own deadline (the subscription outlives any request deadline).
 */
export function eventContext(subscription: RequestContext): RequestContext {
  const timeoutMs = subscription.services.config.limits.requestTimeoutMs;
  const now = Date.now();
  if (!shared || shared.until <= now || shared.timeoutMs !== timeoutMs) {
    shared = { until: now + DEADLINE_WINDOW_MS, timeoutMs, signal: AbortSignal.timeout(timeoutMs) };
  }
  const context: RequestContext = {
    ...subscription,
    // At most DEADLINE_WINDOW_MS earlier than a timer of its own would give.
    deadline: shared.until - DEADLINE_WINDOW_MS + timeoutMs,
    signal: shared.signal,
    partialErrors: [],
    loaders: new RequestLoaders(subscription.services.registry, () => context),
  };
  return context;
}
