import { ErrorCode } from '../errors/error-code.ts';
import { GatewayError } from '../errors/gateway-error.ts';

/**
 * Shared state a write needs (PostgreSQL, Redis) could not be reached. Raised before any vendor
 * is called, so nothing was applied and the client may simply retry.
 */
export function storeUnavailable(what: 'PostgreSQL' | 'Redis', cause?: unknown): GatewayError {
  return new GatewayError(ErrorCode.STORE_UNAVAILABLE, `The gateway's shared state (${what}) is unreachable; nothing was changed, retry shortly`, {
    retryable: true,
    cause,
  });
}
