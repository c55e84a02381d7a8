import type { RequestContext } from '../context/request-context.ts';
import { badUserInput } from '../errors/gateway-error.ts';
import { NodeKind, decodeGlobalId, productGlobalId } from '../model/global-id.ts';
import type { AuditEntry, AuditFilter } from '../store/state-store.ts';
import { mayUseVendor } from '../auth/vendor-visibility.ts';
import { sequenceCursor } from '../model/sequence-cursor.ts';

export interface AuditQueryArgs {
  readonly filter: {
    readonly vendorId?: string | null;
    readonly productId?: string | null;
    readonly idempotencyKey?: string | null;
    readonly since?: string | null;
    readonly until?: string | null;
  } | null;
  readonly first: number;
  readonly after: string | null;
}

/** What the `inventoryChanges` resolver returns (`nodes` is resolved from `edges`). */
export interface AuditConnectionResult {
  readonly edges: ReadonlyArray<{ readonly cursor: string; readonly node: AuditEntry }>;
  readonly pageInfo: { readonly hasNextPage: boolean; readonly hasPreviousPage: boolean; readonly startCursor: string | null; readonly endCursor: string | null };
}

/**
 * The audit log, newest first, restricted to the vendors the caller may see (a vendor-scoped
 * admin reads only its vendors' entries).
 */
export async function inventoryChanges(ctx: RequestContext, args: AuditQueryArgs): Promise<AuditConnectionResult> {
  const maxPageSize = ctx.services.config.limits.maxPageSize;
  if (!Number.isInteger(args.first) || args.first < 1 || args.first > maxPageSize) {
    throw badUserInput(`"first" must be between 1 and ${maxPageSize}; got ${args.first}`, 'first');
  }
  const filter = args.filter ?? {};
  const query: AuditFilter = {
    vendorIds: visibleVendorIds(ctx, filter.vendorId ?? null),
    productId: filter.productId ? canonicalProductId(filter.productId) : null,
    idempotencyKey: filter.idempotencyKey ?? null,
    since: filter.since ? instant(filter.since, 'filter.since') : null,
    until: filter.until ? instant(filter.until, 'filter.until') : null,
  };
  const page = await ctx.services.store.queryAudit(query, { first: args.first, afterSequence: args.after ? decodeAuditCursor(args.after) : null });
  const edges = page.entries.map((node) => ({ cursor: encodeAuditCursor(node.sequence), node }));
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

function visibleVendorIds(ctx: RequestContext, vendorId: string | null): readonly string[] | null {
  if (vendorId) return mayUseVendor(ctx, vendorId) ? [vendorId] : [];
  return ctx.caller.vendorScope === null ? null : [...ctx.caller.vendorScope];
}

function canonicalProductId(id: string): string {
  const decoded = decodeGlobalId(id, NodeKind.PRODUCT, 'filter.productId');
  return productGlobalId(decoded.vendorId, decoded.nativeId);
}

function instant(value: string, field: string): number {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw badUserInput(`"${field}" is not an ISO 8601 instant: ${JSON.stringify(value)}`, field);
  return ms;
}

const cursors = sequenceCursor('audit:', 'the audit log');

export const encodeAuditCursor = (sequence: number): string => cursors.encode(sequence);

export const decodeAuditCursor = (cursor: string): number => cursors.decode(cursor);
