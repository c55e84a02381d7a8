import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import type { IncomingHttpHeaders } from 'node:http';
import { UpstreamTimings } from '../flags/debug-mode.ts';
import { FeatureFlag } from '../flags/flag-names.ts';
import type { GatewayServices } from './gateway-services.ts';
import type { RequestContext } from './request-context.ts';
import { RequestLoaders } from './request-loaders.ts';
import { startRequestSpan } from '../observability/tracing.ts';

export interface IncomingRequestInfo {
  readonly headers: IncomingHttpHeaders;
  /** Aborted when the client goes away. */
  readonly signal: AbortSignal;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * The one place a request context is built: request id (the client's `x-request-id` when it is
 * sane), caller (authentication), flags for that caller, a deadline from the configured request
 * timeout, an abort signal, per-request loaders and logger. Under `debug_mode` (for this caller
 * only) the logger logs at debug level and upstream timings are collected for `extensions.debug`.
 */
export async function buildRequestContext<S extends GatewayServices>(services: S, request: IncomingRequestInfo): Promise<RequestContext & { readonly services: S }> {
  const supplied = request.headers['x-request-id'];
  const requestId = typeof supplied === 'string' && REQUEST_ID.test(supplied) ? supplied : randomUUID();
  const requestLogger = services.logger.child({ requestId });
  const caller = await services.authenticator.authenticate(request.headers).catch((error: unknown) => {
    requestLogger.info({ reason: error instanceof Error ? error.message : String(error) }, 'authentication failed');
    throw error;
  });
  const flags = services.flags.forCaller(caller);
  const debug = flags.isOn(FeatureFlag.DEBUG_MODE);
  const logger = debug ? requestLogger.child({ debug: true }, { level: 'debug' }) : requestLogger;
  const timeoutMs = services.config.limits.requestTimeoutMs;
  const deadline = Date.now() + timeoutMs;
  const signal = AbortSignal.any([request.signal, AbortSignal.timeout(timeoutMs)]);
  // Each upstream call of the request listens here while it is open (a WooCommerce page: up to 16
  // variation lists at once) and lets go when it settles; the signal lives no longer than the
  // request. Node's leak warning (from 11 listeners) would fire, with a stack to stderr, on every such request.
  setMaxListeners(0, signal);
  const trace = startRequestSpan(requestId);
  const context: RequestContext & { readonly services: S } = {
    requestId,
    traceContext: trace.context,
    requestSpan: trace.span,
    logger,
    signal,
    deadline,
    caller,
    flags,
    timings: debug ? new UpstreamTimings() : undefined,
    services,
    partialErrors: [],
    loaders: new RequestLoaders(services.registry, () => context),
  };
  return context;
}
