import { z } from 'zod';
import { McpInventoryChangesDocument } from '../generated/mcp-operations.ts';
import { CallerRole } from '../../model/caller.ts';
import { defineTool } from '../mcp-tool.ts';
import { cursorArgument, pageInfoSchema, pageSizeArgument } from '../tool-arguments.ts';

const entrySchema = z.object({
  id: z.string(),
  at: z.string().describe('When the change was recorded (ISO 8601, UTC).'),
  callerId: z.string(),
  requestId: z.string(),
  vendorId: z.string(),
  productId: z.string(),
  locationId: z.string(),
  mutation: z.enum(['SET', 'ADJUST']),
  before: z.number().int().nullable(),
  after: z.number().int().nullable(),
  delta: z.number().int().nullable(),
  reason: z.string(),
  idempotencyKey: z.string(),
});

export const inventoryChangesTool = defineTool({
  name: 'inventory_changes',
  title: 'Inventory audit log',
  description:
    'The inventory audit log, newest first: one entry per applied stock change (who, when, vendor, product, location, units ' +
    'before/after/delta, reason, idempotency key). Paged: when `pageInfo.hasNextPage` is true, call again with `after` = ' +
    '`pageInfo.endCursor`. Admin only. Reads only.',
  requires: { role: CallerRole.ADMIN },
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  document: McpInventoryChangesDocument,
  input: (limits) => z.object({ first: pageSizeArgument(limits.maxPageSize, 50), after: cursorArgument.optional() }).strict(),
  output: z.object({ pageInfo: pageInfoSchema, nodes: z.array(entrySchema) }),
  variables: (args) => ({ first: args.first, after: args.after ?? null }),
  answer: (data) => {
    const { pageInfo, nodes } = data.inventoryChanges;
    const newest = nodes[0] ? ` Newest: ${nodes[0].at} ${nodes[0].mutation} ${nodes[0].vendorId} ${nodes[0].before ?? '?'} -> ${nodes[0].after ?? '?'} (${nodes[0].reason}).` : '';
    return {
      structured: { pageInfo, nodes },
      summary: `${nodes.length} audit entr${nodes.length === 1 ? 'y' : 'ies'} on this page.${newest}${pageInfo.hasNextPage ? ` More: pass after="${pageInfo.endCursor ?? ''}".` : ''}`,
    };
  },
});
