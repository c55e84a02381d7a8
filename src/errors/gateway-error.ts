import { GraphQLError } from 'graphql';
import { ErrorCode, UpstreamErrorClass } from './error-code.ts';

export interface GatewayErrorOptions {
  vendorId?: string;
  retryable?: boolean;
  cause?: unknown;
  /** Extra public extensions (never secrets, never raw vendor bodies). */
  extensions?: Record<string, unknown>;
  /** Response path, for errors reported beside partial data. */
  path?: ReadonlyArray<string | number>;
}

/**
 * The one base error of the gateway. Its message and extensions are safe to show to clients;
 * anything that is not a GatewayError is masked as INTERNAL_SERVER_ERROR at the edge.
 */
export class GatewayError extends GraphQLError {
  readonly code: ErrorCode;
  readonly vendorId: string | undefined;
  readonly retryable: boolean;

  constructor(code: ErrorCode, message: string, options: GatewayErrorOptions = {}) {
    super(message, {
      path: options.path,
      originalError: options.cause instanceof Error ? options.cause : undefined,
      extensions: {
        code,
        ...(options.vendorId ? { vendorId: options.vendorId } : {}),
        retryable: options.retryable ?? false,
        ...options.extensions,
      },
    });
    this.name = 'GatewayError';
    this.code = code;
    this.vendorId = options.vendorId;
    this.retryable = options.retryable ?? false;
  }
}

export interface UpstreamErrorDetails {
  vendorId: string;
  errorClass: UpstreamErrorClass;
  /** HTTP status, when the vendor answered. */
  status?: number;
  /** Seconds the vendor asked us to wait (Retry-After or a throttle computation). */
  retryAfterSeconds?: number;
  /** A short, already-sanitized summary of the vendor's error body. */
  vendorMessage?: string;
  /** The vendor's own machine code, when it sent one (a Shopify top-level `extensions.code`). */
  vendorCode?: string;
  /** INVALID_INPUT: the fields the vendor refused, already sanitized (public as `extensions.vendorErrors`). */
  fieldErrors?: ReadonlyArray<{ readonly field: string; readonly message: string }>;
  cause?: unknown;
}

const CLASS_TO_CODE: Record<UpstreamErrorClass, ErrorCode> = {
  [UpstreamErrorClass.NETWORK]: ErrorCode.VENDOR_UNAVAILABLE,
  [UpstreamErrorClass.TIMEOUT]: ErrorCode.VENDOR_TIMEOUT,
  [UpstreamErrorClass.RATE_LIMIT]: ErrorCode.VENDOR_RATE_LIMITED,
  [UpstreamErrorClass.SERVER]: ErrorCode.VENDOR_ERROR,
  [UpstreamErrorClass.CLIENT]: ErrorCode.VENDOR_REJECTED,
  [UpstreamErrorClass.AUTHENTICATION]: ErrorCode.VENDOR_REJECTED,
  [UpstreamErrorClass.AUTHORIZATION]: ErrorCode.VENDOR_REJECTED,
  [UpstreamErrorClass.INVALID_INPUT]: ErrorCode.VENDOR_REJECTED,
  [UpstreamErrorClass.VALIDATION]: ErrorCode.VENDOR_ERROR,
};

const RETRYABLE_CLASSES: ReadonlySet<UpstreamErrorClass> = new Set([
  UpstreamErrorClass.NETWORK,
  UpstreamErrorClass.TIMEOUT,
  UpstreamErrorClass.RATE_LIMIT,
  UpstreamErrorClass.SERVER,
]);

export function isRetryableClass(errorClass: UpstreamErrorClass): boolean {
  return RETRYABLE_CLASSES.has(errorClass);
}

/** A classified failure of one upstream call. Built only at a vendor client's HTTP edge. */
export class UpstreamError extends GatewayError {
  readonly errorClass: UpstreamErrorClass;
  readonly status: number | undefined;
  readonly retryAfterSeconds: number | undefined;
  readonly vendorCode: string | undefined;

  constructor(message: string, details: UpstreamErrorDetails) {
    super(CLASS_TO_CODE[details.errorClass], message, {
      vendorId: details.vendorId,
      retryable: isRetryableClass(details.errorClass),
      cause: details.cause,
      extensions: { errorClass: details.errorClass, ...retryAfterExtension(details), ...(details.fieldErrors?.length ? { vendorErrors: details.fieldErrors } : {}) },
    });
    this.name = 'UpstreamError';
    this.errorClass = details.errorClass;
    this.status = details.status;
    this.retryAfterSeconds = details.retryAfterSeconds;
    this.vendorCode = details.vendorCode;
  }
}

/** `retryAfterMs` on VENDOR_RATE_LIMITED: how long until the vendor (or our budget of it) holds the call again. */
function retryAfterExtension(details: UpstreamErrorDetails): { retryAfterMs?: number } {
  if (details.errorClass !== UpstreamErrorClass.RATE_LIMIT || details.retryAfterSeconds === undefined) return {};
  return { retryAfterMs: Math.ceil(details.retryAfterSeconds * 1000) };
}

export function badUserInput(message: string, field?: string): GatewayError {
  return new GatewayError(ErrorCode.BAD_USER_INPUT, message, {
    extensions: field ? { field } : {},
  });
}
