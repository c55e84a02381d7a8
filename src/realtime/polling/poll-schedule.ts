import type { Logger } from 'pino';

export interface PollSchedule {
  stop(): Promise<void>;
}

/**
 * Runs `poll` every `everyMs` while `enabled()` says so (the flag is read before every pass, so
 * switching real_time_sync_enabled off stops the vendor calls at the next tick). Passes never
 * overlap: the next is timed from the end of the last. Failures are logged; the next pass retries.
 */
export function schedulePolling(poll: () => Promise<unknown>, options: { readonly everyMs: number; readonly enabled: () => boolean; readonly logger: Logger }): PollSchedule {
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let stopped = false;
  const tick = () => {
    running = (async () => {
      try {
        if (options.enabled()) await poll();
      } catch (error) {
        options.logger.warn({ err: error }, 'stock poll failed; retrying at the next interval');
      }
    })();
    void running.then(() => {
      if (!stopped) {
        timer = setTimeout(tick, options.everyMs);
        timer.unref();
      }
    });
  };
  timer = setTimeout(tick, options.everyMs);
  timer.unref();
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
