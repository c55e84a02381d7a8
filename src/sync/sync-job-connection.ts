import { mayUseVendor, visibleVendorIds } from '../auth/vendor-visibility.ts';
import { ErrorCode } from '../errors/error-code.ts';
import { badUserInput, GatewayError } from '../errors/gateway-error.ts';
import type { SyncJobPage, SyncJobPageRequest, SyncJobRecord } from '../store/sync-job-record.ts';
import type { SyncCallerContext } from './sync-caller-context.ts';
import { sequenceCursor } from '../model/sequence-cursor.ts';

export interface SyncJobsArgs {
  readonly vendorId: string | null;
  readonly first: number;
  readonly after: string | null;
}

/** What the `syncJobs` resolver returns (`nodes` is resolved from `edges`). */
export interface SyncJobConnectionResult {
  readonly edges: ReadonlyArray<{ readonly cursor: string; readonly node: SyncJobRecord }>;
  readonly pageInfo: { readonly hasNextPage: boolean; readonly hasPreviousPage: boolean; readonly startCursor: string | null; readonly endCursor: string | null };
}

/** Sync jobs, newest first, of one vendor or of every vendor the caller may use. */
export async function syncJobConnection(
  ctx: SyncCallerContext,
  jobs: { list(vendorIds: readonly string[], page: SyncJobPageRequest): Promise<SyncJobPage> },
  maxPageSize: number,
  args: SyncJobsArgs,
): Promise<SyncJobConnectionResult> {
  if (!Number.isInteger(args.first) || args.first < 1 || args.first > maxPageSize) {
    throw badUserInput(`"first" must be between 1 and ${maxPageSize}; got ${args.first}`, 'first');
  }
  if (args.vendorId !== null && !mayUseVendor(ctx, args.vendorId)) {
    throw new GatewayError(ErrorCode.NOT_FOUND, `No vendor with id "${args.vendorId}"`, { extensions: { field: 'vendorId' } });
  }
  const vendorIds = args.vendorId === null ? visibleVendorIds(ctx) : [args.vendorId];
  const page = await jobs.list(vendorIds, { first: args.first, afterSequence: args.after ? decodeSyncJobCursor(args.after) : null });
  const edges = page.jobs.map((node) => ({ cursor: encodeSyncJobCursor(node.sequence), node }));
  return {
    edges,
    pageInfo: {
      hasNextPage: page.hasNextPage,
      hasPreviousPage: args.after !== null,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}

const cursors = sequenceCursor('sync-job:', 'the sync job list');

export const encodeSyncJobCursor = (sequence: number): string => cursors.encode(sequence);

export const decodeSyncJobCursor = (cursor: string): number => cursors.decode(cursor);
