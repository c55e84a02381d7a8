import pino from 'pino';
import { ConfigError } from '../config/config-error.ts';
import { resolveLaunch } from '../launch.ts';
import { createLogger } from '../observability/create-logger.ts';
import { startGateway } from '../server/start-gateway.ts';
import { SyncJobMode, SyncJobStatus, type SyncJobRecord } from '../store/sync-job-record.ts';
import { operatorContext } from './operator-context.ts';
import { configArgs } from './run-entry-point.ts';
import { syncProgressFor } from './sync-progress.ts';

export interface SyncCommandOptions {
  readonly config?: string;
  readonly full?: boolean;
}

/** Exit codes of `stockgraph sync`. */
export const SyncExit = { SUCCEEDED: 0, FAILED: 1, INTERRUPTED: 130 } as const;

const POLL_MS = 200;
const ENDED: readonly string[] = [SyncJobStatus.SUCCEEDED, SyncJobStatus.FAILED, SyncJobStatus.CANCELLED];

/**
 * `stockgraph sync <vendorId> [--full]`: builds the gateway's services without listening (as the
 * stdio MCP server does), starts one sync job through SyncJobService and follows it to its end.
 * Exit 0 when it SUCCEEDED, 1 when it FAILED (with its error code) or was cancelled elsewhere,
 * 130 on Ctrl-C after cancelling the job. Logs go to stderr; progress to stdout.
 */
export async function runSyncCommand(vendorId: string, options: SyncCommandOptions, env: NodeJS.ProcessEnv): Promise<number> {
  let launch;
  try {
    launch = await resolveLaunch(configArgs(options.config), env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      return SyncExit.FAILED;
    }
    throw error;
  }
  const { config } = launch;
  if (!config.vendors.some((vendor) => vendor.id === vendorId)) {
    console.error(`stockgraph sync: no vendor with id "${vendorId}"; configured vendors: ${config.vendors.map((vendor) => vendor.id).join(', ')}`);
    await launch.close();
    return SyncExit.FAILED;
  }
  const logger = createLogger({ level: env.LOG_LEVEL ?? 'warn', destination: pino.destination(2) });
  const gateway = await startGateway(config, { logger, listen: false, secretKeys: launch.secretKeys, purchaseOrders: launch.purchaseOrders }).catch(async (error: unknown) => {
    await launch.close();
    throw error;
  });
  const interrupt = new AbortController();
  const onSigint = () => interrupt.abort();
  process.on('SIGINT', onSigint);
  const progress = syncProgressFor(process.stdout);
  try {
    const mode = options.full ? SyncJobMode.FULL : SyncJobMode.INCREMENTAL;
    const started = await gateway.services.syncJobs.startJob(vendorId, mode);
    const job = await follow(started, (id) => gateway.services.store.getSyncJob(id), progress.update.bind(progress), interrupt.signal);
    progress.stop();
    if (interrupt.signal.aborted) {
      const cancelled = await gateway.services.syncJobs.cancel(operatorContext(gateway.services.registry, new AbortController().signal), started.id);
      console.error(`stockgraph sync: interrupted; job ${cancelled.id} is ${cancelled.status} after ${cancelled.processed} SKUs`);
      return SyncExit.INTERRUPTED;
    }
    return report(job);
  } finally {
    progress.stop();
    process.off('SIGINT', onSigint);
    await gateway.close();
    await launch.close();
  }
}

/** Polls the stored job until it ends or `signal` aborts; answers the job as last read. */
async function follow(
  job: SyncJobRecord,
  read: (id: string) => Promise<SyncJobRecord | null>,
  show: (job: SyncJobRecord) => void,
  signal: AbortSignal,
): Promise<SyncJobRecord> {
  let current = job;
  show(current);
  while (!ENDED.includes(current.status) && !signal.aborted) {
    await new Promise<void>((resolve) => {
      const stop = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        signal.removeEventListener('abort', stop);
        resolve();
      }, POLL_MS);
      signal.addEventListener('abort', stop, { once: true });
    });
    current = (await read(job.id)) ?? current;
    show(current);
  }
  return current;
}

function report(job: SyncJobRecord): number {
  const seconds = (((job.finishedAt ?? Date.now()) - (job.startedAt ?? job.createdAt)) / 1000).toFixed(1);
  if (job.status === SyncJobStatus.SUCCEEDED) {
    process.stdout.write(`sync ${job.vendorId} SUCCEEDED: ${job.processed} SKUs in ${seconds} s (job ${job.id})\n`);
    return SyncExit.SUCCEEDED;
  }
  const reason = job.error ? `${job.error.code}: ${job.error.message}` : 'cancelled by another caller';
  console.error(`sync ${job.vendorId} ${job.status}: ${reason} (job ${job.id}, ${job.processed} SKUs read)`);
  return SyncExit.FAILED;
}
