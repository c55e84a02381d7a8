import type { RequestContext } from './request-context.ts';
import { RequestLoaders } from './request-loaders.ts';

/**
 * The context one subscription event is resolved with: the subscription's caller, flags, logger
 * and services, but fresh loaders (an event must not read what an earlier event cached) and its
 * own deadline (the subscription outlives any request deadline).
 */
export function eventContext(subscription: RequestContext): RequestContext {
  const timeoutMs = subscription.services.config.limits.requestTimeoutMs;
  const context: RequestContext = {
    ...subscription,
    deadline: Date.now() + timeoutMs,
    signal: AbortSignal.timeout(timeoutMs),
    partialErrors: [],
    loaders: new RequestLoaders(subscription.services.registry, () => context),
  };
  return context;
}
