import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import { ErrorCode } from '../errors/error-code.ts';
import { GatewayError } from '../errors/gateway-error.ts';

const APOLLO_SAFE_CODES = new Set(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT', 'BAD_REQUEST', 'PERSISTED_QUERY_NOT_FOUND', 'PERSISTED_QUERY_NOT_SUPPORTED', 'OPERATION_RESOLUTION_FAILURE']);

/**
 * Masks errors at the edge: GatewayErrors and Apollo's own request errors pass with their
 * message and code; anything else (a bug, a library error) becomes INTERNAL_SERVER_ERROR with a
 * generic message. Stack traces never leave the process, not even in development.
 */
export function createFormatError(options: { exposeInternalMessages: boolean }) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    if (original instanceof GatewayError) {
      const { stacktrace: _stack, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && APOLLO_SAFE_CODES.has(code)) {
      const { stacktrace: _stack, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    return {
      message: options.exposeInternalMessages && original instanceof Error ? `Internal error: ${original.message}` : 'Internal server error',
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR, retryable: false },
    };
  };
}
