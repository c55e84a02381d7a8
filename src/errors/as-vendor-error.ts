import { ErrorCode } from './error-code.ts';
import { GatewayError } from './gateway-error.ts';

/**
 * One vendor's failure as the error of a field's partial result: a GatewayError keeps its code,
 * vendor and retryability; anything else is a VENDOR_ERROR of `vendorId`. `path` is the field the
 * error is reported on.
 */
export function asVendorError(error: unknown, vendorId: string, path: ReadonlyArray<string | number>): GatewayError {
  const base =
    error instanceof GatewayError
      ? error
      : new GatewayError(ErrorCode.VENDOR_ERROR, `${vendorId} failed`, { vendorId, cause: error });
  return new GatewayError(base.code, base.message, {
    vendorId: base.vendorId ?? vendorId,
    retryable: base.retryable,
    cause: error,
    extensions: { ...base.extensions },
    path,
  });
}
