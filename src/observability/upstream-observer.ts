import type { UpstreamErrorClass } from '../errors/error-code.ts';

/** Hooks for metrics and traces; every upstream attempt is reported once. */
export interface UpstreamObserver {
  onAttempt(event: {
    vendorId: string;
    operation: string;
    ms: number;
    status: number | null;
    errorClass: UpstreamErrorClass | null;
  }): void;
}
