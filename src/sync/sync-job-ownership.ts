import type { Logger } from 'pino';
import { anySignal } from '../resilience/abortable.ts';
import { withHeldLease } from '../scaleout/held-lease.ts';
import { LeaseKey, type SharedLeases } from '../scaleout/shared-leases.ts';
import type { StateStore } from '../store/state-store.ts';
import type { SyncJobRecord } from '../store/sync-job-record.ts';

/** Several instances on one store: who runs a job is decided by a lease on its vendor account. */
export interface SyncJobOwnership {
  readonly leases: SharedLeases;
  /** Lease lifetime: renewed every third of it; how soon a dead owner's job is taken over. */
  readonly ttlMs: number;
}

/** What the owner runs: the job as stored once it owned it, its token for every write, and a signal for shutdown, cancel or a lost lease. */
export type OwnedRun = (job: SyncJobRecord, signal: AbortSignal, fencingToken: number | null) => Promise<void>;

/**
 * Runs `job` in this instance if it may: always without `ownership` (one process), else only
 * while holding the account's lease. Answers false when another instance owns it (the owner runs
 * it; nothing is written here).
 *
 * Why a token stored with the job and not a lease check before each write: a check and the write
 * after it are two steps, and an owner that stalls between them (a GC pause, a slow network) past
 * the TTL writes after its successor took over. So the successor first stores its fencing token
 * on the job row (`fenceSyncJob`, which also answers the cursor the successor continues from), and
 * every progress and finish write carries the writer's token and is refused in the same UPDATE
 * when a larger one is stored. A stale owner's write then changes nothing and its runner stops.
 */
export async function runIfOwner(
  ownership: SyncJobOwnership | null,
  store: StateStore,
  job: SyncJobRecord,
  options: { readonly signal: AbortSignal; readonly logger: Logger; readonly now: () => number },
  run: OwnedRun,
): Promise<boolean> {
  if (!ownership) {
    await run(job, options.signal, null);
    return true;
  }
  const held = await withHeldLease(ownership.leases, LeaseKey.syncJob(job.accountKey), { ttlMs: ownership.ttlMs, logger: options.logger }, async ({ fencingToken, signal: lost }) => {
    const owned = await store.fenceSyncJob(job.id, fencingToken, options.now());
    // Finished meanwhile, or a later owner's token is stored: nothing to run.
    if (!owned) return;
    const stop = anySignal([options.signal, lost]);
    try {
      await run(owned, stop.signal, fencingToken);
    } finally {
      stop.dispose();
    }
  });
  return held !== null;
}
