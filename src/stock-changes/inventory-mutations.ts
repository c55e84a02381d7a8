import type { Logger } from 'pino';
import type { RequestContext } from '../context/request-context.ts';
import { GatewayError } from '../errors/gateway-error.ts';
import { ErrorCode } from '../errors/error-code.ts';
import { LeaseKey, type Lease, type SharedLeases } from '../scaleout/shared-leases.ts';
import { IdempotencyState, type AuditEntryInput, type StateStore } from '../store/state-store.ts';
import { InventoryChangeStatus, type UpstreamCallContext } from '../vendors/vendor-source.ts';
import { applyVendorBatches } from './apply-vendor-batches.ts';
import { requestFingerprint, type InventoryMutationInput, type InventoryMutationMode } from './inventory-mutation-input.ts';
import { userErrorPayload, type InventoryChangeOutcome, type InventoryChangesPayload } from './inventory-payload.ts';
import { parseChanges, type ParsedChange, type PlannedChange } from './parse-changes.ts';
import { resolveChangeReferences } from './resolve-change-references.ts';
import { SingleFlight } from './single-flight.ts';
import type { AppliedStockChange, StockChangeListener } from './stock-change-listener.ts';

export interface InventoryMutationsOptions {
  readonly store: StateStore;
  readonly listener: StockChangeListener;
  readonly logger: Logger;
  /** How long an idempotency record is kept after its last write (at least 24 h in production). */
  readonly ttlMs: number;
  /** How long a run holds its key: longer than any run (the request deadline bounds vendor writes). */
  readonly leaseMs: number;
  /** Leases shared with other instances (Redis); null for one process. See `runClaimed`. */
  readonly leases?: SharedLeases | null;
  readonly now?: () => number;
}

/**
 * setInventoryQuantities / adjustInventoryQuantities with an exactly-once effect per change.
 *
 * Why a change is applied once, however often and however concurrently a client retries:
 * 1. Same process: duplicates of a running request (same caller + key) join the running promise
 *    (SingleFlight) before touching the store or a vendor; a different request under the same key
 *    is IDEMPOTENCY_CONFLICT (compared by fingerprint).
 * 2. Across processes: `beginIdempotent` is atomic in the store; one run holds the lease, others
 *    get IDEMPOTENCY_IN_PROGRESS (retryable). A COMPLETED record is replayed without any vendor call.
 * 3. The payload and the audit entries of newly APPLIED changes are written in ONE store
 *    transaction, only after every vendor answered, so the audit has one entry per applied change.
 * 4. FAILED means "not applied" (the VendorSource contract: an unknown outcome is resolved by the
 *    source — read-back, or a vendor-side deduplicated re-send — before it answers). So a run that
 *    ends with FAILED changes stores PARTIAL progress; a retry with the same key re-sends only the
 *    changes not yet APPLIED/CONFLICT, and keeps the earlier outcomes of the others.
 * 5. A crash between a vendor's write and step 3 leaves an IN_PROGRESS record; after its lease
 *    expires a retry re-runs the changes the record does not show as done. That is safe where the
 *    vendor write is idempotent on a re-send: Shopify dedupes by the `@idempotent` key derived from
 *    the client's key; an absolute `set` re-applied gives the same stock (with compareQuantity it
 *    answers CONFLICT, changing nothing). It is NOT safe for an `adjust` on a vendor without
 *    native deduplication (WooCommerce, Magento, custom CAS): there the crash window is one vendor
 *    round-trip, and the delta may be applied twice. README "Exactly-once" states this limit.
 * Vendor writes run on a context detached from the client's connection (bounded by the request
 * deadline only), so a client hanging up cannot abort a write half-way into an unknown outcome.
 * How the vendors are called (one locked read per vendor serves the input checks and the write;
 * writes only when nothing is refused) is applyVendorBatches' job.
 */
export class InventoryMutations {
  private readonly flights = new SingleFlight<InventoryChangesPayload, string>();
  private readonly options: InventoryMutationsOptions;
  private readonly now: () => number;

  constructor(options: InventoryMutationsOptions) {
    this.options = options;
    this.now = options.now ?? Date.now;
  }

  async apply(ctx: RequestContext, mode: InventoryMutationMode, input: InventoryMutationInput): Promise<InventoryChangesPayload> {
    const parsed = parseChanges(ctx, mode, input);
    if (parsed.userErrors.length > 0) return userErrorPayload(parsed.userErrors);
    const fingerprint = requestFingerprint(mode, input);
    // Keys are scoped per caller: two callers using the same key never see each other's records.
    const flightKey = `${ctx.caller.id}\u0000${input.idempotencyKey}`;
    const running = this.flights.current(flightKey);
    if (running) {
      if (running.tag !== fingerprint) throw idempotencyConflict();
      return running.promise;
    }
    return this.flights.start(flightKey, fingerprint, () => this.runOnce(ctx, mode, input, parsed.changes, fingerprint));
  }

  /** Drops records past their TTL; answers how many. */
  purgeExpired(): Promise<number> {
    return this.options.store.purgeExpiredIdempotency(this.now());
  }

  private async runOnce(
    ctx: RequestContext,
    mode: InventoryMutationMode,
    input: InventoryMutationInput,
    changes: readonly ParsedChange[],
    fingerprint: string,
  ): Promise<InventoryChangesPayload> {
    const scope = ctx.caller.id;
    const key = input.idempotencyKey;
    const leases = this.options.leases;
    if (!leases) return this.runClaimed(ctx, mode, input, changes, fingerprint, null);
    const claim = await leases.acquire([LeaseKey.idempotency(scope, key)], { ttlMs: this.options.leaseMs, waitUntil: 0 });
    if (!claim) return this.answerWhileLeased(scope, key, fingerprint, leases);
    try {
      return await this.runClaimed(ctx, mode, input, changes, fingerprint, leases);
    } finally {
      await claim.release();
    }
  }

  /**
   * Another run holds the key's lease: usually the same request on another instance, still
   * running. But a replay of a finished request may hold it for a moment too, so the stored record
   * decides: a completed one is answered (as any replay is), otherwise IDEMPOTENCY_IN_PROGRESS.
   */
  private async answerWhileLeased(scope: string, key: string, fingerprint: string, leases: SharedLeases): Promise<InventoryChangesPayload> {
    const record = await this.options.store.getIdempotent(scope, key);
    if (record && record.expiresAt > this.now()) {
      if (record.fingerprint !== fingerprint) throw idempotencyConflict();
      if (record.state === IdempotencyState.COMPLETED && record.payload !== null) return JSON.parse(record.payload) as InventoryChangesPayload;
    }
    throw inProgress(await leases.remainingMs(LeaseKey.idempotency(scope, key)).catch(() => this.options.leaseMs));
  }

  /**
   * With other instances around (Redis), a run holds, before anything reaches a vendor:
   * 1. a lease on its idempotency key (above): a duplicate on another instance is answered
   *    IDEMPOTENCY_IN_PROGRESS at once, without a database round trip;
   * 2. the store's own claim (`beginIdempotent`), which stays the authority (atomic in PostgreSQL);
   * 3. write locks on every level it changes, all or none (so two runs can never each hold part of
   *    the other's levels: no deadlock), waiting up to the request deadline. They serialise the
   *    read-check-write of vendors without compare-and-set across instances, as KeyedMutex does
   *    inside one. They expire after the lease time (deadline + margin): a killed instance's
   *    locks free themselves, and since vendor writes end by the deadline a lock never expires
   *    under a live write. The fencing token is logged with the run; vendors cannot check it.
   * Redis or the database unreachable at any of these steps: STORE_UNAVAILABLE, nothing sent.
   */
  private async runClaimed(
    ctx: RequestContext,
    mode: InventoryMutationMode,
    input: InventoryMutationInput,
    parsed: readonly ParsedChange[],
    fingerprint: string,
    leases: SharedLeases | null,
  ): Promise<InventoryChangesPayload> {
    const { store, ttlMs, leaseMs } = this.options;
    const scope = ctx.caller.id;
    const key = input.idempotencyKey;
    const begun = await store.beginIdempotent({ scope, key, fingerprint, now: this.now(), leaseMs, ttlMs });
    switch (begun.kind) {
      case 'fingerprint-mismatch':
        throw idempotencyConflict();
      case 'completed':
        return JSON.parse(begun.payload) as InventoryChangesPayload;
      case 'in-progress':
        throw inProgress(begun.leaseExpiresAt - this.now());
      case 'acquired':
        break;
    }
    if (begun.tookOver) {
      ctx.logger.warn({ idempotencyKey: key }, 're-running a request whose earlier run ended without a result (see "Exactly-once" limits)');
    }
    // SKUs and aliases are looked up only now: a replay above answers without asking any vendor.
    const resolved = await resolveChangeReferences(ctx, parsed).catch(async (error: unknown) => {
      await store.abandonIdempotent(scope, key, begun.token).catch(() => undefined);
      throw error;
    });
    if (resolved.userErrors.length > 0) {
      await store.abandonIdempotent(scope, key, begun.token);
      return userErrorPayload(resolved.userErrors);
    }
    const changes = resolved.changes;
    const previous = begun.resumed ? (JSON.parse(begun.resumed) as InventoryChangesPayload).results : null;
    const pending = changes.filter((change) => !isSettled(previous?.[change.index]));

    let locks: Lease | null = null;
    let answer;
    try {
      if (leases) locks = await this.lockLevels(ctx, leases, pending);
      answer = await applyVendorBatches(ctx, writeContext(ctx), pending, { idempotencyKey: key, reason: input.reason });
    } catch (error) {
      // applyVendorBatches answers every vendor failure as FAILED outcomes: a throw means nothing was sent.
      await locks?.release();
      await store.abandonIdempotent(scope, key, begun.token).catch(() => undefined);
      throw error;
    }
    await locks?.release();
    if (answer.kind === 'refused') {
      // Nothing was sent in this run; an earlier run's progress (if any) stays for a retry.
      await store.abandonIdempotent(scope, key, begun.token);
      return userErrorPayload(answer.userErrors);
    }

    const outcomes = answer.outcomes;
    const results: InventoryChangeOutcome[] = changes.map((change) => outcomes.get(change.index) ?? previous?.[change.index] ?? missingOutcome(change));
    const payload: InventoryChangesPayload = { results, userErrors: [] };
    const newlyApplied = pending.filter((change) => outcomes.get(change.index)?.status === InventoryChangeStatus.APPLIED);
    const audit = newlyApplied.map((change) => auditEntry(ctx, input, change, results[change.index]!, this.now()));
    const stored = await store
      .finishIdempotent({ scope, key, token: begun.token, payload: JSON.stringify(payload), final: results.every(isSettled), audit, now: this.now(), ttlMs })
      .catch((error: unknown) => {
        // The vendors applied the changes but the store went away: answer what happened (a
        // STORE_UNAVAILABLE here would tell the client nothing changed). The audit entries go to
        // the log so they are not lost; the record stays in progress until its lease expires.
        ctx.logger.error({ idempotencyKey: key, audit, error: error instanceof Error ? error.message : String(error) }, 'state store unreachable after the vendor writes; result and audit not stored');
        return true;
      });
    if (!stored) {
      ctx.logger.error({ idempotencyKey: key, applied: newlyApplied.length }, 'idempotency lease lost before the result was stored; a retry may re-run these changes');
    }
    await this.options.listener.invalidate(newlyApplied.map((change) => change.productId));
    await this.options.listener.applied?.(newlyApplied.map((change) => appliedChange(change, results[change.index]!, this.now())));
    return payload;
  }

  private async lockLevels(ctx: RequestContext, leases: SharedLeases, pending: readonly PlannedChange[]): Promise<Lease> {
    const keys = pending.map((change) => LeaseKey.level(change.productId, change.locationId));
    const lease = await leases.acquire(keys, { ttlMs: this.options.leaseMs, waitUntil: ctx.deadline });
    if (!lease) {
      throw new GatewayError(ErrorCode.STORE_UNAVAILABLE, 'Other writes held these stock levels until the deadline; nothing was changed, retry shortly', { retryable: true });
    }
    ctx.logger.debug({ fencingToken: lease.fencingToken, levels: keys.length }, 'write locks held');
    return lease;
  }
}

function inProgress(retryAfterMs: number): GatewayError {
  return new GatewayError(ErrorCode.IDEMPOTENCY_IN_PROGRESS, 'A request with this idempotency key is still running; retry shortly', {
    retryable: true,
    extensions: { retryAfterMs: Math.max(0, retryAfterMs) },
  });
}

/**
 * APPLIED and CONFLICT are final; FAILED is re-sent by a retry with the same key, except a FAILED
 * whose write may have landed (outcome unknown): re-sending a delta there could apply it twice.
 */
function isSettled(outcome: InventoryChangeOutcome | undefined): boolean {
  return outcome !== undefined && (outcome.status !== InventoryChangeStatus.FAILED || outcome.outcomeUnknown === true);
}

function idempotencyConflict(): GatewayError {
  return new GatewayError(ErrorCode.IDEMPOTENCY_CONFLICT, 'This idempotency key was already used for a different request', { extensions: { field: 'idempotencyKey' } });
}

function writeContext(ctx: RequestContext): UpstreamCallContext {
  return {
    requestId: ctx.requestId,
    logger: ctx.logger,
    deadline: ctx.deadline,
    signal: AbortSignal.timeout(Math.max(1, ctx.deadline - Date.now())),
    ...(ctx.timings ? { timings: ctx.timings } : {}),
  };
}

function appliedChange(change: PlannedChange, outcome: InventoryChangeOutcome, at: number): AppliedStockChange {
  return {
    vendorId: change.vendorId,
    productId: change.productId,
    locationId: change.locationId,
    before: outcome.before,
    after: outcome.after,
    occurredAt: new Date(at).toISOString(),
  };
}

function missingOutcome(change: PlannedChange): InventoryChangeOutcome {
  return {
    productId: change.productId,
    locationId: change.locationId,
    status: InventoryChangeStatus.FAILED,
    before: null,
    after: null,
    level: null,
    error: { code: ErrorCode.INTERNAL_SERVER_ERROR, message: 'The change was not attempted' },
  };
}

function auditEntry(ctx: RequestContext, input: InventoryMutationInput, change: PlannedChange, outcome: InventoryChangeOutcome, at: number): AuditEntryInput {
  const measured = outcome.before !== null && outcome.after !== null ? outcome.after - outcome.before : null;
  return {
    at,
    callerId: ctx.caller.id,
    requestId: ctx.requestId,
    vendorId: change.vendorId,
    productId: change.productId,
    locationId: change.locationId,
    mode: change.mode,
    before: outcome.before,
    after: outcome.after,
    delta: change.mode === 'adjust' ? change.amount : measured,
    reason: input.reason,
    idempotencyKey: input.idempotencyKey,
  };
}
