import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { UpstreamCallContext } from '../../vendors/vendor-source.ts';

/** A vendor call made by real-time work (no client request behind it), bounded by its own deadline. */
export function backgroundCall(logger: Logger, timeoutMs: number, purpose: string): UpstreamCallContext {
  const requestId = `${purpose}-${randomUUID()}`;
  return {
    requestId,
    logger: logger.child({ requestId }),
    deadline: Date.now() + timeoutMs,
    signal: AbortSignal.timeout(timeoutMs),
  };
}
