import type { GatewayConfig } from '../config/config-schema.ts';
import { Environment } from '../config/config-schema.ts';
import { ErrorCode } from '../errors/error-code.ts';
import { GatewayError } from '../errors/gateway-error.ts';
import type { Authenticator } from './authenticator.ts';
import { DEVELOPMENT_CALLER } from './caller.ts';

/** Builds the authenticator from config: anonymous callers are the development caller outside production. */
export function createAuthenticator(config: GatewayConfig): Authenticator {
  const allowAnonymous = config.demo || config.environment === Environment.DEVELOPMENT;
  return {
    async authenticate(headers) {
      const presented = headers['x-api-key'] ?? headers.authorization;
      if (!presented && allowAnonymous) return DEVELOPMENT_CALLER;
      throw new GatewayError(ErrorCode.UNAUTHENTICATED, 'Authentication required: send x-api-key or Authorization: Bearer');
    },
  };
}
