import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { scheduleIdempotencyPurge } from './idempotency-purge.ts';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('scheduleIdempotencyPurge', () => {
  it('purges at once, then every interval, survives a failing purge, and stops', async () => {
    const purge = vi.fn<() => Promise<number>>().mockResolvedValueOnce(3).mockRejectedValueOnce(new Error('disk full')).mockResolvedValue(0);
    const job = scheduleIdempotencyPurge(purge, { intervalMs: 3_600_000, logger: pino({ level: 'silent' }) });
    expect(purge).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(3_600_000);
    expect(purge).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(3_600_000);
    expect(purge).toHaveBeenCalledTimes(3);
    job.stop();
    await vi.advanceTimersByTimeAsync(10 * 3_600_000);
    expect(purge).toHaveBeenCalledTimes(3);
  });
});
