import type { Logger } from 'pino';

/** Logs "running on local budgets" at most once per interval per vendor, however many calls fall back. */
export class DegradedLog {
  private readonly lastLogged = new Map<string, number>();
  private readonly logger: Logger;
  private readonly intervalMs: number;

  constructor(logger: Logger, intervalMs: number) {
    this.logger = logger;
    this.intervalMs = intervalMs;
  }

  localBudget(vendorId: string, fraction: number): void {
    const now = Date.now();
    const last = this.lastLogged.get(vendorId);
    if (last !== undefined && now - last < this.intervalMs) return;
    this.lastLogged.set(vendorId, now);
    this.logger.warn({ vendorId, fraction }, `Redis unreachable: ${vendorId} is paced on this instance's local share (${fraction}) of its budget`);
  }
}
