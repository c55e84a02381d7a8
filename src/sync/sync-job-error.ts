import { ErrorCode } from '../errors/error-code.ts';
import { GatewayError } from '../errors/gateway-error.ts';
import type { SyncJobError } from '../store/sync-job-record.ts';

/** Why a job failed, safe to store and show: the vendor's own code, or a masked VENDOR_ERROR. */
export function syncJobError(error: unknown, vendorId: string): SyncJobError {
  if (error instanceof GatewayError) return { code: error.code, message: error.message, retryable: error.retryable };
  return { code: ErrorCode.VENDOR_ERROR, message: `${vendorId} failed during the inventory sync`, retryable: false };
}
