import { HeaderMap } from '@apollo/server';
import { ErrorCode } from '../errors/error-code.ts';
import { GatewayError } from '../errors/gateway-error.ts';

/**
 * A failed authentication. Thrown while the request context is built, where Apollo Server turns
 * a GraphQLError's `extensions.http` into the response status: 401 with a WWW-Authenticate
 * challenge and `extensions.code` UNAUTHENTICATED (not the 500 an ordinary error would give).
 * The reason is short and never echoes the credential.
 */
export function unauthenticated(reason: string): GatewayError {
  return new GatewayError(ErrorCode.UNAUTHENTICATED, `Not authenticated: ${reason}`, {
    extensions: { http: { status: 401, headers: new HeaderMap([['www-authenticate', 'Bearer realm="stockgraph"']]) } },
  });
}

/** Raised inside execution (the @auth directive): the field gets the error, HTTP stays 200 per GraphQL-over-HTTP. */
export function unauthenticatedField(coordinate: string): GatewayError {
  return new GatewayError(ErrorCode.UNAUTHENTICATED, `Not authenticated: ${coordinate} needs credentials`);
}

export function forbidden(coordinate: string, role: string): GatewayError {
  return new GatewayError(ErrorCode.FORBIDDEN, `Forbidden: ${coordinate} needs the "${role}" role`, { extensions: { requiredRole: role } });
}
