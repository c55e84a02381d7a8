import type { Logger } from 'pino';
import { SyncJobMode, type SyncJobRecord } from '../store/sync-job-record.ts';

export interface ScheduledVendor {
  readonly id: string;
  readonly sync?: { readonly incrementalEverySeconds?: number | undefined } | undefined;
}

export interface IncrementalSyncSchedule {
  stop(): void;
}

/**
 * Starts an INCREMENTAL sync job for each vendor with `sync.incrementalEverySeconds`, that often.
 * A tick while the vendor account's job still runs joins that job (nothing is queued); a failing
 * start is logged and the next tick tries again. Timers do not keep the process alive.
 */
export function scheduleIncrementalSyncs(
  vendors: readonly ScheduledVendor[],
  startJob: (vendorId: string, mode: SyncJobMode) => Promise<SyncJobRecord>,
  logger: Logger,
): IncrementalSyncSchedule {
  const timers = vendors.flatMap((vendor) => {
    const seconds = vendor.sync?.incrementalEverySeconds;
    if (seconds === undefined) return [];
    const timer = setInterval(() => {
      startJob(vendor.id, SyncJobMode.INCREMENTAL).catch((error: unknown) =>
        logger.warn({ err: error, vendorId: vendor.id }, 'scheduled incremental sync could not start'),
      );
    }, seconds * 1000);
    timer.unref();
    return [timer];
  });
  return { stop: () => timers.forEach((timer) => clearInterval(timer)) };
}
