import { SingleBar } from 'cli-progress';
import type { SyncJobRecord } from '../store/sync-job-record.ts';

/** How `stockgraph sync` shows a job as it runs. */
export interface SyncProgress {
  update(job: SyncJobRecord): void;
  stop(): void;
}

/** A progress bar with rate and ETA on a terminal, one plain line per change when piped. */
export function syncProgressFor(stream: NodeJS.WriteStream, now: () => number = Date.now): SyncProgress {
  return stream.isTTY ? new BarProgress(stream, now) : new LineProgress(stream, now);
}

/** SKUs per second since the job began reading. */
export function skusPerSecond(job: SyncJobRecord, now: number): number {
  const since = job.startedAt ?? job.createdAt;
  const seconds = Math.max((now - since) / 1000, 0.001);
  return job.processed / seconds;
}

class BarProgress implements SyncProgress {
  private readonly bar: SingleBar;
  private started = false;

  constructor(
    stream: NodeJS.WriteStream,
    private readonly now: () => number,
  ) {
    this.bar = new SingleBar({
      stream,
      format: '{vendorId} [{bar}] {percentage}% | {value}/{total} SKUs | {rate} SKUs/s | ETA {eta_formatted} | {status}',
      etaBuffer: 20,
      hideCursor: true,
    });
  }

  update(job: SyncJobRecord): void {
    const total = Math.max(job.total ?? job.processed, job.processed, 1);
    const payload = { vendorId: job.vendorId, status: job.status, rate: skusPerSecond(job, this.now()).toFixed(1) };
    if (!this.started) {
      this.bar.start(total, job.processed, payload);
      this.started = true;
      return;
    }
    this.bar.setTotal(total);
    this.bar.update(job.processed, payload);
  }

  stop(): void {
    if (this.started) this.bar.stop();
  }
}

class LineProgress implements SyncProgress {
  private last = '';

  constructor(
    private readonly stream: NodeJS.WriteStream,
    private readonly now: () => number,
  ) {}

  update(job: SyncJobRecord): void {
    const key = `${job.status}:${job.processed}:${job.total}`;
    if (key === this.last) return;
    this.last = key;
    const of = job.total === null ? '' : `/${job.total}`;
    this.stream.write(`sync ${job.vendorId} ${job.status} ${job.processed}${of} SKUs (${skusPerSecond(job, this.now()).toFixed(1)} SKUs/s) job ${job.id}\n`);
  }

  stop(): void {}
}
