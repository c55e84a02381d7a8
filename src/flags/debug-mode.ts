import type { UpstreamTimingSink } from '../vendors/vendor-source.ts';

export interface UpstreamTiming {
  readonly vendorId: string;
  readonly operation: string;
  readonly ms: number;
  readonly status: number | 'error';
}

/** Collects the upstream calls of one request (VendorHttpClient records each attempt). Built only under debug_mode. */
export class UpstreamTimings implements UpstreamTimingSink {
  readonly entries: UpstreamTiming[] = [];

  record(entry: UpstreamTiming): void {
    this.entries.push({ ...entry, ms: Math.round(entry.ms * 10) / 10 });
  }
}
