import {
  BrokenCircuitError,
  BulkheadRejectedError,
  DelegateBackoff,
  handleType,
  IsolatedCircuitError,
  retry,
  TaskCancelledError,
  type BulkheadPolicy,
  type RetryPolicy,
} from 'cockatiel';
import type { Logger } from 'pino';
import { UpstreamErrorClass } from '../errors/error-code.ts';
import { UpstreamError } from '../errors/gateway-error.ts';
import { deadlineSignal, untilAborted } from './abortable.ts';
import { circuitStatus } from './circuit-breaker.ts';
import type { ProbingCircuitBreaker } from './probing-circuit-breaker.ts';
import type { Clock } from './clock.ts';
import type { BudgetReservation, CostBudget, RateBudget } from './rate-budget.ts';
import type { ResolvedResilience } from '../config/resilience-config.ts';
import { CallCancelledError, cancelledByCaller, deadlineExceeded, RejectionReason, VendorUnavailableError } from './resilience-errors.ts';
import type { RetryBudget } from './retry-budget.ts';
import { RetryPlan, type RetryPlanDeps } from './retry-plan.ts';
import type { UpstreamCallOptions, UpstreamPolicy } from './upstream-policy.ts';
import type { CircuitStatus, VendorHealth } from './vendor-health.ts';

/** What start-up hands a vendor client: its UpstreamPolicy plus the parts others read or feed. */
export interface VendorPolicy extends UpstreamPolicy {
  readonly vendorId: string;
  readonly settings: ResolvedResilience;
  /** Sliding-window health for `Vendor.health` and /ready. */
  readonly health: VendorHealth;
  /** The request-rate limiter or Shopify cost budget the policy paces calls with, if any. */
  readonly rateBudget: RateBudget | undefined;
  /** Shopify only: feed `observe(...)` from every answer's `extensions.cost`. */
  readonly costBudget: CostBudget | undefined;
  /** Calls `listener` on every circuit transition; returns an unsubscribe function. */
  onCircuitChange(listener: (state: CircuitStatus) => void): () => void;
}

export interface VendorPolicyParts {
  readonly vendorId: string;
  readonly settings: ResolvedResilience;
  readonly logger: Logger;
  readonly clock: Clock;
  readonly random: () => number;
  readonly health: VendorHealth;
  readonly retryBudget: RetryBudget;
  readonly retryPlan: Omit<RetryPlanDeps, 'budget' | 'clock' | 'random'>;
  readonly breaker: ProbingCircuitBreaker;
  readonly bulkhead: BulkheadPolicy;
  readonly rateBudget: RateBudget | undefined;
  readonly costBudget: CostBudget | undefined;
  /** Called before every retry attempt (metrics). */
  readonly onRetry?: (vendorId: string) => void;
  /** A call refused by the bulkhead or the open circuit (the rate budget reports its own). */
  readonly onRefusal?: (reason: RejectionReason) => void;
}

type UpstreamCall<T> = (signal: AbortSignal, reservation?: BudgetReservation) => Promise<T>;

/** A failed attempt the plan decided to retry; carries the delay to cockatiel's retry loop. */
class ScheduledRetry extends Error {
  readonly failure: Error;
  readonly delayMs: number;

  constructor(failure: Error, delayMs: number) {
    super(failure.message);
    this.failure = failure;
    this.delayMs = delayMs;
  }
}

/**
 * One vendor's resilience, composed outside in:
 *   retry (cockatiel loop; decisions per call by RetryPlan)
 *   → bulkhead (concurrent attempts; full queue → VENDOR_UNAVAILABLE)
 *   → circuit breaker (open → VENDOR_UNAVAILABLE without a request)
 *   → rate budget (wait for request tokens or Shopify cost points, within the deadline)
 *   → attempt timeout (min(timeoutMs, time left until the deadline))
 *   → the call.
 * Every wait is bounded by the call's deadline; nothing waits past it.
 */
export class VendorResiliencePolicy implements VendorPolicy {
  readonly vendorId: string;
  readonly settings: ResolvedResilience;
  readonly health: VendorHealth;
  readonly rateBudget: RateBudget | undefined;
  readonly costBudget: CostBudget | undefined;
  private readonly parts: VendorPolicyParts;
  private readonly planDeps: RetryPlanDeps;
  private readonly retry: RetryPolicy;

  constructor(parts: VendorPolicyParts) {
    this.parts = parts;
    this.vendorId = parts.vendorId;
    this.settings = parts.settings;
    this.health = parts.health;
    this.rateBudget = parts.rateBudget;
    this.costBudget = parts.costBudget;
    this.planDeps = { ...parts.retryPlan, budget: parts.retryBudget, clock: parts.clock, random: parts.random };
    this.retry = retry(handleType(ScheduledRetry), {
      maxAttempts: parts.settings.retry.maxAttempts - 1,
      backoff: new DelegateBackoff((context) =>
        'error' in context.result && context.result.error instanceof ScheduledRetry ? context.result.error.delayMs : 0,
      ),
    });
    parts.breaker.onStateChange((state) => this.circuitChanged(circuitStatus(state)));
  }

  async execute<T>(call: UpstreamCall<T>, options: UpstreamCallOptions): Promise<T> {
    const left = options.deadline - this.parts.clock.now();
    if (cancelledByCaller(options.signal)) throw new CallCancelledError(this.vendorId);
    if (options.signal.aborted || left <= 0) throw deadlineExceeded(this.vendorId);
    this.parts.retryBudget.recordCall();
    const plan = new RetryPlan(this.planDeps, options);
    const { signal, dispose } = deadlineSignal(options.signal, left);
    try {
      return await this.retry.execute(({ attempt }) => this.attempt(call, options, plan, signal, attempt), signal);
    } catch (error) {
      if (cancelledByCaller(options.signal)) throw new CallCancelledError(this.vendorId);
      throw error instanceof ScheduledRetry ? error.failure : error;
    } finally {
      dispose();
    }
  }

  onCircuitChange(listener: (state: CircuitStatus) => void): () => void {
    const subscription = this.parts.breaker.onStateChange((state) => listener(circuitStatus(state)));
    return () => subscription.dispose();
  }

  private async attempt<T>(
    call: UpstreamCall<T>,
    options: UpstreamCallOptions,
    plan: RetryPlan,
    signal: AbortSignal,
    retryNumber: number,
  ): Promise<T> {
    if (retryNumber > 0) this.parts.onRetry?.(this.vendorId);
    const { bulkhead, breaker } = this.parts;
    try {
      const guarded = bulkhead.execute(() => breaker.execute(() => this.paced(call, options, signal)), signal);
      return await untilAborted(guarded, signal, () => deadlineExceeded(this.vendorId));
    } catch (raw) {
      const failure = this.refusal(raw);
      const delayMs = plan.next(failure);
      if (delayMs === undefined) throw failure;
      this.parts.logger.debug(
        { vendorId: this.vendorId, operation: options.operation, retry: retryNumber + 1, delayMs, errorClass: (failure as UpstreamError).errorClass },
        'retrying upstream call',
      );
      throw new ScheduledRetry(failure, delayMs);
    }
  }

  private paced<T>(call: UpstreamCall<T>, options: UpstreamCallOptions, signal: AbortSignal): Promise<T> {
    const send = (reservation?: BudgetReservation) => this.timed((attemptSignal) => call(attemptSignal, reservation), options, signal);
    return this.rateBudget ? this.rateBudget.spend(options.cost ?? 1, options.deadline, signal, send) : send();
  }

  private async timed<T>(call: (signal: AbortSignal) => Promise<T>, options: UpstreamCallOptions, callSignal: AbortSignal): Promise<T> {
    const ms = Math.min(this.settings.timeoutMs, options.deadline - this.parts.clock.now());
    if (ms <= 0) throw deadlineExceeded(this.vendorId);
    const { signal, dispose } = deadlineSignal(callSignal, ms);
    const started = performance.now();
    try {
      const value = await untilAborted(call(signal), signal, () => deadlineExceeded(this.vendorId));
      this.health.recordAttempt(performance.now() - started, null);
      return value;
    } catch (error) {
      // A client that went away aborts its calls: not the vendor's failure (no health, no breaker).
      if (cancelledByCaller(options.signal)) throw new CallCancelledError(this.vendorId);
      this.health.recordAttempt(performance.now() - started, describeFailure(error));
      throw error;
    } finally {
      dispose();
    }
  }

  /** Cockatiel's refusals as the gateway's errors; anything else passes through. */
  private refusal(error: unknown): Error {
    if (error instanceof BrokenCircuitError || error instanceof IsolatedCircuitError) {
      this.health.recordRejection(RejectionReason.CIRCUIT_OPEN);
      this.parts.onRefusal?.(RejectionReason.CIRCUIT_OPEN);
      return new VendorUnavailableError(this.vendorId, RejectionReason.CIRCUIT_OPEN);
    }
    if (error instanceof BulkheadRejectedError) {
      this.health.recordRejection(RejectionReason.BULKHEAD_FULL);
      this.parts.onRefusal?.(RejectionReason.BULKHEAD_FULL);
      return new VendorUnavailableError(this.vendorId, RejectionReason.BULKHEAD_FULL);
    }
    if (error instanceof TaskCancelledError) return deadlineExceeded(this.vendorId);
    return error instanceof Error ? error : new Error(String(error));
  }

  private circuitChanged(state: CircuitStatus): void {
    this.health.setCircuit(state);
    const log = { vendorId: this.vendorId, circuit: state };
    if (state === 'OPEN') this.parts.logger.warn(log, 'vendor circuit opened; failing fast during the cool-down');
    else this.parts.logger.info(log, 'vendor circuit changed');
  }
}

function describeFailure(error: unknown): { errorClass: UpstreamErrorClass; message: string } {
  if (error instanceof UpstreamError) return { errorClass: error.errorClass, message: error.message };
  // Not classified by the HTTP edge: a bug in the caller; its text stays internal.
  return { errorClass: UpstreamErrorClass.VALIDATION, message: 'unclassified failure' };
}
