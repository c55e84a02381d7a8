import type { MutationResolvers, QueryResolvers, SyncJobConnectionResolvers, SyncJobResolvers } from '../src/generated/resolvers-types.ts';

const instant = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

/** Roles are declared on the fields in schema/sync.graphql (@auth), not checked here. */
export const syncMutationResolvers: MutationResolvers = {
  startInventorySync: (_root, { vendorId, mode }, ctx) => ctx.services.syncJobs.start(ctx, vendorId, mode ?? 'INCREMENTAL'),
  cancelSyncJob: (_root, { id }, ctx) => ctx.services.syncJobs.cancel(ctx, id),
};

export const syncQueryResolvers: QueryResolvers = {
  syncJob: (_root, { id }, ctx) => ctx.services.syncJobs.get(ctx, id),
  syncJobs: (_root, { vendorId, first, after }, ctx) => ctx.services.syncJobs.page(ctx, { vendorId: vendorId ?? null, first: first ?? 20, after: after ?? null }),
};

export const syncJobResolvers: SyncJobResolvers = {
  startedAt: (job) => instant(job.startedAt),
  finishedAt: (job) => instant(job.finishedAt),
};

export const syncJobConnectionResolvers: SyncJobConnectionResolvers = {
  nodes: (connection) => connection.edges.map((edge) => edge.node),
};
