import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SyncJobMode, SyncJobRecord } from '../store/sync-job-record.ts';
import { scheduleIncrementalSyncs } from './incremental-sync-schedule.ts';

const logger = pino({ level: 'silent' });

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('scheduleIncrementalSyncs', () => {
  it('starts an INCREMENTAL job for each vendor with sync.incrementalEverySeconds, that often, until stopped', async () => {
    const started: Array<[string, SyncJobMode]> = [];
    const startJob = async (vendorId: string, mode: SyncJobMode) => {
      started.push([vendorId, mode]);
      return {} as SyncJobRecord;
    };
    const schedule = scheduleIncrementalSyncs(
      [{ id: 'every-minute', sync: { incrementalEverySeconds: 60 } }, { id: 'every-5-minutes', sync: { incrementalEverySeconds: 300 } }, { id: 'on-demand' }],
      startJob,
      logger,
    );
    await vi.advanceTimersByTimeAsync(59_999);
    expect(started).toEqual([]);
    await vi.advanceTimersByTimeAsync(300_001 - 59_999);
    expect(started.filter(([id]) => id === 'every-minute')).toHaveLength(5);
    expect(started.filter(([id]) => id === 'every-5-minutes')).toHaveLength(1);
    expect(started.every(([, mode]) => mode === 'INCREMENTAL')).toBe(true);
    expect(started.some(([id]) => id === 'on-demand')).toBe(false);

    schedule.stop();
    await vi.advanceTimersByTimeAsync(600_000);
    expect(started).toHaveLength(6);
  });

  it('keeps ticking after a start fails (the failure is logged)', async () => {
    let calls = 0;
    const schedule = scheduleIncrementalSyncs([{ id: 'flaky', sync: { incrementalEverySeconds: 1 } }], async () => {
      calls += 1;
      throw new Error('store unavailable');
    }, logger);
    await vi.advanceTimersByTimeAsync(3_000);
    expect(calls).toBe(3);
    schedule.stop();
  });
});
