import type { Logger } from 'pino';

export interface PurgeJob {
  stop(): void;
}

/**
 * Runs `purge` now and then every `intervalMs` (the timer never keeps the process alive).
 * A failed purge is logged and tried again at the next tick.
 */
export function scheduleIdempotencyPurge(purge: () => Promise<number>, options: { intervalMs: number; logger: Logger }): PurgeJob {
  const run = () => {
    purge().then(
      (removed) => {
        if (removed > 0) options.logger.info({ removed }, 'expired idempotency records purged');
      },
      (error: unknown) => options.logger.error({ err: error }, 'idempotency purge failed'),
    );
  };
  run();
  const timer = setInterval(run, options.intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
