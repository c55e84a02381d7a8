import type { Logger } from 'pino';
import type { Lease, SharedLeases } from './shared-leases.ts';

export interface HeldLeaseOptions {
  /** How long the lease lives without a renewal: how soon another instance may take over after a crash. */
  readonly ttlMs: number;
  readonly logger: Logger;
}

/**
 * Runs long work (a sync job) while owning `key`: the lease is renewed every third of its TTL, and
 * if a renewal finds it lost (this instance stalled past the TTL and another took over) the work's
 * signal aborts, so two owners never go on together. The fencing token is handed to the work:
 * store it with every durable step (a job's cursor) and refuse a step whose token is smaller than
 * the one stored, so a stalled former owner cannot overwrite its successor.
 * Answers null without running when another instance owns the key.
 */
export async function withHeldLease<T>(
  leases: SharedLeases,
  key: string,
  options: HeldLeaseOptions,
  work: (held: { readonly fencingToken: number; readonly signal: AbortSignal }) => Promise<T>,
): Promise<{ readonly value: T } | null> {
  const lease: Lease | null = await leases.acquire([key], { ttlMs: options.ttlMs, waitUntil: 0 });
  if (!lease) return null;
  const lost = new AbortController();
  const stop = (reason: string) => {
    if (lost.signal.aborted) return;
    options.logger.warn({ key, fencingToken: lease.fencingToken }, `${reason}; stopping the work`);
    lost.abort(new Error(reason));
  };
  let renewedAt = Date.now();
  const renew = setInterval(() => {
    lease.extend(options.ttlMs).then(
      (held) => {
        if (held) renewedAt = Date.now();
        else stop('lease lost to another instance');
      },
      // Redis unreachable: the lease may expire unseen, so stop once its TTL could have passed.
      () => {
        if (Date.now() - renewedAt >= options.ttlMs) stop('lease could not be renewed within its TTL');
      },
    );
  }, Math.max(100, Math.floor(options.ttlMs / 3)));
  try {
    return { value: await work({ fencingToken: lease.fencingToken, signal: lost.signal }) };
  } finally {
    clearInterval(renew);
    await lease.release();
  }
}
