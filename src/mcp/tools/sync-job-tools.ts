import { z } from 'zod';
import { McpStartInventorySyncDocument, McpSyncStatusDocument, type McpSyncJobFieldsFragment } from '../generated/mcp-operations.ts';
import { ErrorCode } from '../../errors/error-code.ts';
import { CallerRole } from '../../model/caller.ts';
import { READ_ONLY, defineTool, type ToolAnnotations } from '../mcp-tool.ts';
import { vendorIdArgument } from '../tool-arguments.ts';
import { ToolFailure } from '../tool-errors.ts';

/**
 * Starting a sync changes no stock at the vendor: it reads the vendor and brings the gateway's own
 * view (read cache, SYNC events) in step, so it is not read-only but not destructive. Idempotent:
 * while the account's job is QUEUED or RUNNING a second start answers that job and starts nothing,
 * and a later start (a new pass, or a FAILED job resumed) leaves the same state, the gateway in
 * step with the vendor.
 */
const SYNC_START: ToolAnnotations = { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true };

const ENDED = new Set(['SUCCEEDED', 'FAILED', 'CANCELLED']);

const POLLING =
  'The job runs in the background, outside this call, and keeps its `id` across gateway restarts: poll sync_status with ' +
  '`jobId` = `id` every few seconds (a large catalog takes minutes) until `status` is SUCCEEDED, FAILED or CANCELLED; ' +
  '`processed` of `total` SKUs shows progress.';

const syncJobSchema = z.object({
  id: z.string().describe('Job id: pass it as `jobId` to sync_status.'),
  vendorId: z.string().describe('The vendor synced (another entry on the same shop or site when its job was already running).'),
  mode: z.enum(['FULL', 'INCREMENTAL']),
  status: z.enum(['QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED']).describe('QUEUED and RUNNING go on; SUCCEEDED, FAILED and CANCELLED are final.'),
  processed: z.number().int().describe('SKUs read so far.'),
  total: z.number().int().nullable().describe('SKUs the vendor reported when the job began; null when it reports no count.'),
  startedAt: z.string().nullable().describe('ISO 8601 UTC; null while QUEUED.'),
  finishedAt: z.string().nullable().describe('ISO 8601 UTC; null while QUEUED or RUNNING.'),
  error: z
    .object({
      code: z.string().describe('Gateway error code, e.g. VENDOR_UNAVAILABLE, VENDOR_TIMEOUT, VENDOR_REJECTED.'),
      message: z.string(),
      retryable: z.boolean().describe('True when starting the sync again (it resumes) may succeed.'),
    })
    .nullable()
    .describe('Why the job FAILED; null otherwise.'),
});

export const startInventorySyncTool = defineTool({
  name: 'start_inventory_sync',
  title: 'Start an inventory sync',
  description:
    "Starts a background inventory sync of one vendor (channel): the gateway reads the vendor's stock page by page, paced by " +
    "the vendor's rate budget, and brings its own view of stock in step with it; no stock is changed at the vendor. Answers at " +
    `once with the job (\`status\` QUEUED). ${POLLING} \`mode\` FULL reads every SKU; INCREMENTAL (the default) only SKUs the ` +
    'vendor changed since the last successful pass. Safe to call again: at most one job runs per vendor account, so while one ' +
    'is QUEUED or RUNNING this answers that job (same `id`, perhaps another mode or another vendor entry on the same shop) and ' +
    'starts nothing. Resumable: after a FAILED job, calling again with the same vendor and mode resumes it from where it ' +
    'stopped (same `id`). Get `vendorId` from list_vendors.',
  requires: { role: CallerRole.INVENTORY_WRITE },
  annotations: SYNC_START,
  document: McpStartInventorySyncDocument,
  input: () =>
    z
      .object({
        vendorId: vendorIdArgument,
        mode: z.enum(['FULL', 'INCREMENTAL']).optional().describe('FULL: every SKU; INCREMENTAL (default): only what changed since the last successful pass.'),
      })
      .strict(),
  output: syncJobSchema,
  variables: (args) => ({ vendorId: args.vendorId, ...(args.mode ? { mode: args.mode } : {}) }),
  answer: (data, _errors, args) => {
    const job = data.startInventorySync;
    const requested = args.mode ?? 'INCREMENTAL';
    const joined = job.status === 'RUNNING' || job.vendorId !== args.vendorId || job.mode !== requested;
    const lead = joined ? `A sync was already under way for this vendor account: job ${job.id}` : `Started sync job ${job.id}`;
    return { structured: job, summary: `${lead} (${job.vendorId}, ${job.mode}) is ${statusLine(job)} ${nextStep(job)}` };
  },
});

export const syncStatusTool = defineTool({
  name: 'sync_status',
  title: 'Sync job status',
  description:
    'Where a background inventory sync job stands, by the `id` start_inventory_sync answered: `status` (QUEUED and RUNNING go ' +
    'on; SUCCEEDED, FAILED and CANCELLED are final), `processed` SKUs so far of `total` (null when the vendor reports no ' +
    'count), `startedAt`/`finishedAt`, and for a FAILED job its `error` {code, message, retryable}. Poll it every few seconds ' +
    'until the status is final. A FAILED job resumes from where it stopped when start_inventory_sync is called again with its ' +
    'vendor and mode. Calls no vendor. An unknown id, or a job of a vendor this caller may not use, answers NOT_FOUND.',
  requires: { role: CallerRole.VIEWER },
  annotations: READ_ONLY,
  document: McpSyncStatusDocument,
  input: () =>
    z
      .object({
        jobId: z.string().min(1).max(128).describe('The `id` of a job from start_inventory_sync.'),
      })
      .strict(),
  output: syncJobSchema,
  variables: (args) => ({ id: args.jobId }),
  answer: (data, _errors, args) => {
    const job = data.syncJob;
    if (!job) throw new ToolFailure(ErrorCode.NOT_FOUND, `No sync job "${args.jobId}" of a vendor this caller may use`);
    return { structured: job, summary: `Sync job ${job.id} (${job.vendorId}, ${job.mode}) is ${statusLine(job)} ${nextStep(job)}` };
  },
});

function statusLine(job: McpSyncJobFieldsFragment): string {
  const progress = `${job.processed}${job.total === null ? '' : ` of ${job.total}`} SKUs read`;
  const failure = job.error ? ` (${job.error.code}: ${job.error.message})` : '';
  return `${job.status}: ${progress}${failure}.`;
}

function nextStep(job: McpSyncJobFieldsFragment): string {
  if (!ENDED.has(job.status)) return `It runs in the background: poll sync_status { jobId: "${job.id}" } until it is SUCCEEDED, FAILED or CANCELLED.`;
  if (job.status === 'FAILED') {
    return job.error?.retryable === false
      ? 'The vendor refused it: fix the cause before starting it again.'
      : 'Call start_inventory_sync again with the same vendor and mode to resume it from where it stopped.';
  }
  return job.status === 'SUCCEEDED' ? 'Every page was read: the gateway was in step with the vendor when it finished.' : 'It was cancelled; start_inventory_sync starts a new one.';
}
