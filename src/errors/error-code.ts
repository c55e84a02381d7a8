/**
 * Every `extensions.code` the gateway can put on a GraphQL error or a typed result.
 * This is the one documented list (README "Error codes"); add here, never inline a string.
 */
export const ErrorCode = {
  VENDOR_UNAVAILABLE: 'VENDOR_UNAVAILABLE',
  VENDOR_TIMEOUT: 'VENDOR_TIMEOUT',
  VENDOR_RATE_LIMITED: 'VENDOR_RATE_LIMITED',
  VENDOR_ERROR: 'VENDOR_ERROR',
  VENDOR_REJECTED: 'VENDOR_REJECTED',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  FEATURE_DISABLED: 'FEATURE_DISABLED',
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  NOT_FOUND: 'NOT_FOUND',
  IDEMPOTENCY_CONFLICT: 'IDEMPOTENCY_CONFLICT',
  IDEMPOTENCY_IN_PROGRESS: 'IDEMPOTENCY_IN_PROGRESS',
  /** A stock write may or may not have reached the vendor and reading back did not settle it. */
  VENDOR_OUTCOME_UNKNOWN: 'VENDOR_OUTCOME_UNKNOWN',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
  /** A document over one of `limits` (depth, aliases, directives, tokens, cost, body size); HTTP 400. */
  QUERY_TOO_COMPLEX: 'QUERY_TOO_COMPLEX',
  /** The caller's quota (requests or cost per minute) is spent; HTTP 429 with Retry-After. */
  RATE_LIMITED: 'RATE_LIMITED',
  /** A trusted-documents gateway was sent a document id it does not list, or a document by text. */
  PERSISTED_QUERY_NOT_FOUND: 'PERSISTED_QUERY_NOT_FOUND',
  /** Shared state a write needs (PostgreSQL or Redis) is unreachable; refused before any vendor call. */
  STORE_UNAVAILABLE: 'STORE_UNAVAILABLE',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/**
 * How a failed upstream call is classified at the HTTP edge of each vendor client.
 * The class decides retryability and the public error code.
 */
export const UpstreamErrorClass = {
  NETWORK: 'network',
  TIMEOUT: 'timeout',
  RATE_LIMIT: 'rate_limit',
  SERVER: 'server',
  CLIENT: 'client',
  AUTHENTICATION: 'authentication',
  AUTHORIZATION: 'authorization',
  /** The vendor refused our input as invalid (HTTP 422, or a 4xx naming the bad fields): VENDOR_REJECTED with its field messages. */
  INVALID_INPUT: 'invalid_input',
  /** The vendor's answer did not match its documented shape. */
  VALIDATION: 'validation',
} as const;

export type UpstreamErrorClass = (typeof UpstreamErrorClass)[keyof typeof UpstreamErrorClass];
