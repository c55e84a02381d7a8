import { setTimeout as sleep } from 'node:timers/promises';
import { postGraphQL, type GraphQLResponse } from '../../support/graphql-client.ts';

const JOB_FIELDS = 'id vendorId mode status processed total startedAt finishedAt error { code message retryable }';

export const START = `mutation Start($vendorId: ID!, $mode: SyncMode) { startInventorySync(vendorId: $vendorId, mode: $mode) { ${JOB_FIELDS} } }`;
export const CANCEL = `mutation Cancel($id: ID!) { cancelSyncJob(id: $id) { ${JOB_FIELDS} } }`;
export const JOB = `query Job($id: ID!) { syncJob(id: $id) { ${JOB_FIELDS} } }`;
export const JOBS = `query Jobs($vendorId: ID, $first: Int, $after: String) {
  syncJobs(vendorId: $vendorId, first: $first, after: $after) {
    edges { cursor node { id vendorId status } }
    nodes { id }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`;

export interface SyncJobView {
  id: string;
  vendorId: string;
  mode: 'FULL' | 'INCREMENTAL';
  status: 'QUEUED' | 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'CANCELLED';
  processed: number;
  total: number | null;
  startedAt: string | null;
  finishedAt: string | null;
  error: { code: string; message: string; retryable: boolean } | null;
}

export async function startSync(url: string, vendorId: string, mode?: 'FULL' | 'INCREMENTAL', headers: Record<string, string> = {}) {
  const response: GraphQLResponse<{ startInventorySync: SyncJobView }> = await postGraphQL(url, START, { vendorId, ...(mode ? { mode } : {}) }, headers);
  return { response, job: response.data?.startInventorySync ?? null };
}

export async function readJob(url: string, id: string, headers: Record<string, string> = {}): Promise<SyncJobView | null> {
  const response = await postGraphQL<{ syncJob: SyncJobView | null }>(url, JOB, { id }, headers);
  if (response.errors) throw new Error(JSON.stringify(response.errors));
  return response.data!.syncJob;
}

/** Polls `syncJob(id)` until `done` holds (jobs run in the background; the test waits for an outcome, never for a time). */
export async function waitForJob(url: string, id: string, done: (job: SyncJobView) => boolean, headers: Record<string, string> = {}): Promise<SyncJobView> {
  for (;;) {
    const job = await readJob(url, id, headers);
    if (job && done(job)) return job;
    await sleep(10);
  }
}

export const ended = (job: SyncJobView): boolean => ['SUCCEEDED', 'FAILED', 'CANCELLED'].includes(job.status);
