import type { Logger } from 'pino';
import type { Clock } from './clock.ts';
import type { RejectionReason } from './resilience-errors.ts';

/** At most one refusal line per vendor in this window; the line counts the refusals it stands for. */
export const REFUSAL_LOG_INTERVAL_MS = 10_000;

/**
 * Calls the gateway refused to send to protect a vendor (its rate limit, bulkhead or open
 * circuit), logged so an operator sees them without a line per refused call: under a burst the
 * refusals come by the thousand in a second, and a log line each would cost more than the refusal.
 * The first refusal of a window is logged at once; the rest of the window are counted into the
 * next line (`refused` = refusals since the last line, by reason).
 */
export class RefusalLog {
  private readonly logger: Logger;
  private readonly clock: Clock;
  private readonly context: Readonly<Record<string, unknown>>;
  private readonly intervalMs: number;
  private lastLoggedAt = Number.NEGATIVE_INFINITY;
  private unlogged: Partial<Record<RejectionReason, number>> = {};

  /** `context` goes on every line: the vendor and the limits in force, so the line says what to resize. */
  constructor(logger: Logger, clock: Clock, context: Readonly<Record<string, unknown>>, intervalMs = REFUSAL_LOG_INTERVAL_MS) {
    this.logger = logger;
    this.clock = clock;
    this.context = context;
    this.intervalMs = intervalMs;
  }

  refused(reason: RejectionReason, retryAfterMs?: number): void {
    this.unlogged[reason] = (this.unlogged[reason] ?? 0) + 1;
    const now = this.clock.now();
    if (now - this.lastLoggedAt < this.intervalMs) return;
    this.lastLoggedAt = now;
    const refused = this.unlogged;
    this.unlogged = {};
    this.logger.warn(
      { ...this.context, refused, retryAfterMs, intervalMs: this.intervalMs },
      'calls to the vendor refused by its protective limits (README, "Sizing the vendor limits")',
    );
  }
}
