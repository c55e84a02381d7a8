import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { SyncJobMode, SyncJobStatus, type SyncJobRecord } from '../store/sync-job-record.ts';
import { syncProgressFor } from './sync-progress.ts';

function capture(isTTY: boolean): { stream: NodeJS.WriteStream; text: () => string } {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      text += chunk.toString();
      done();
    },
  }) as unknown as NodeJS.WriteStream;
  Object.assign(stream, { isTTY, columns: 200, cursorTo: () => true, clearLine: () => true, moveCursor: () => true });
  return { stream, text: () => text };
}

const job = (processed: number, status: SyncJobStatus = SyncJobStatus.RUNNING): SyncJobRecord => ({
  id: 'job-1',
  vendorId: 'acme',
  accountKey: 'acme',
  mode: SyncJobMode.FULL,
  status,
  processed,
  total: 400,
  cursor: null,
  error: null,
  createdAt: 0,
  startedAt: 0,
  finishedAt: null,
  updatedAt: 0,
  sequence: 1,
});

describe('sync progress', () => {
  it('on a terminal draws a bar with the count, the rate and an ETA', () => {
    const out = capture(true);
    const progress = syncProgressFor(out.stream, () => 2_000);
    progress.update(job(100));
    progress.update(job(200));
    progress.stop();
    expect(out.text()).toContain('200/400 SKUs');
    expect(out.text()).toContain('100.0 SKUs/s');
    expect(out.text()).toMatch(/ETA \S+/);
  });

  it('when piped writes one plain line per change and nothing for a repeat', () => {
    const out = capture(false);
    const progress = syncProgressFor(out.stream, () => 2_000);
    progress.update(job(100));
    progress.update(job(100));
    progress.update(job(400, SyncJobStatus.SUCCEEDED));
    expect(out.text()).toBe('sync acme RUNNING 100/400 SKUs (50.0 SKUs/s) job job-1\nsync acme SUCCEEDED 400/400 SKUs (200.0 SKUs/s) job job-1\n');
  });
});
