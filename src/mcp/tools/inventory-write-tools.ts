import { z } from 'zod';
import { McpAdjustInventoryDocument, McpSetInventoryDocument, type McpInventoryChangesFieldsFragment } from '../generated/mcp-operations.ts';
import { CallerRole } from '../../model/caller.ts';
import { defineTool, type ToolAnnotations, type ToolLimits } from '../mcp-tool.ts';
import { GRAPHQL_INT_MAX } from '../tool-arguments.ts';

/**
 * A stock write changes the outside world (not read-only) and can lower stock (destructive),
 * but repeating it with the same idempotency key changes nothing more (idempotent).
 */
const STOCK_WRITE: ToolAnnotations = { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true };

const WRITE_GUARANTEES =
  'Exactly once per `idempotencyKey`: choose a new unique key for each intended change set and keep it; calling again with ' +
  'the same key and the same arguments returns the first answer without changing stock again (also after a lost connection: ' +
  'call again with the same key to learn the outcome). The same key with different arguments is refused (IDEMPOTENCY_CONFLICT). ' +
  'The answer has one result per change, in order: APPLIED (with `before` and `after` units), CONFLICT (`compareQuantity` did ' +
  'not match; nothing changed) or FAILED (see `error.code`). If any change is FAILED, retry the SAME call with the SAME key: ' +
  'only the FAILED changes are re-sent. A FAILED change with VENDOR_OUTCOME_UNKNOWN is never re-sent: read the stock with ' +
  'get_stock and correct it with set_inventory. Invalid input (unknown product or location, negative stock, duplicates) is ' +
  'answered in `userErrors` and then nothing at all is applied. Name each product by `productId` and each location by ' +
  '`locationId` (from get_stock), or by the vendor\'s own IDs: `vendorId` with `nativeProductId` (a Shopify variant or ' +
  'InventoryItem GID, ...) or `sku`, and `nativeLocationId`. Results always carry the global `productId` and `locationId`.';

const keyArgument = z.string().min(1).max(255).describe('Unique key of this change set (1-255 characters), e.g. a UUID. Reuse it only to retry.');
const reasonArgument = z.string().trim().min(1).max(1000).describe('Why the stock changes, recorded in the audit log, e.g. "cycle count".');
const idArgument = (what: string) => z.string().min(1).max(512).describe(`Global ${what} ID from get_stock.`);

/** How a change names its product and location: global IDs, or the vendor's own IDs (the mutation checks the combination). */
const referenceArguments = {
  productId: idArgument('product').optional(),
  locationId: idArgument('location').optional(),
  vendorId: z.string().min(1).max(128).optional().describe('Vendor of nativeProductId, sku and nativeLocationId (required with them).'),
  nativeProductId: z.string().min(1).max(512).optional().describe("The product's nativeId at vendorId (instead of productId)."),
  sku: z.string().min(1).max(512).optional().describe('The SKU code at vendorId (instead of productId); refused if several products carry it.'),
  nativeLocationId: z.string().min(1).max(512).optional().describe("The location's nativeId at vendorId (instead of locationId)."),
};
const compareArgument = z.number().int().min(0).max(GRAPHQL_INT_MAX).optional().describe('Apply only if available units are exactly this now (else CONFLICT).');

function changesArgument<T extends z.ZodType>(change: T, limits: ToolLimits) {
  return z
    .array(change)
    .min(1)
    .max(limits.maxChangesPerMutation)
    .describe(`1 to ${limits.maxChangesPerMutation} changes (limits.maxChangesPerMutation); more than ${limits.bulkThreshold} need bulk_operations_enabled.`);
}

/** What a stock write answers; receive_purchase_order answers the same lists beside its order. */
export const inventoryChangesOutputSchema = z.object({
  results: z.array(
    z.object({
      productId: z.string(),
      locationId: z.string(),
      status: z.enum(['APPLIED', 'CONFLICT', 'FAILED']),
      before: z.number().int().nullable().describe('Units available before.'),
      after: z.number().int().nullable().describe('Units available after.'),
      error: z.object({ code: z.string(), message: z.string() }).nullable(),
    }),
  ),
  userErrors: z.array(z.object({ field: z.array(z.string()), code: z.string(), message: z.string() })),
});

export const setInventoryTool = defineTool({
  name: 'set_inventory',
  title: 'Set stock levels',
  description: `Sets units available of products at locations to absolute quantities (a count). ${WRITE_GUARANTEES}`,
  requires: { role: CallerRole.INVENTORY_WRITE },
  annotations: STOCK_WRITE,
  document: McpSetInventoryDocument,
  input: (limits) =>
    z
      .object({
        idempotencyKey: keyArgument,
        reason: reasonArgument,
        changes: changesArgument(
          z
            .object({
              ...referenceArguments,
              quantity: z.number().int().min(0).max(GRAPHQL_INT_MAX).describe('New units available (>= 0).'),
              compareQuantity: compareArgument,
            })
            .strict(),
          limits,
        ),
      })
      .strict(),
  output: inventoryChangesOutputSchema,
  variables: (args) => ({ input: args }),
  answer: (data) => answerOf(data.setInventoryQuantities),
});

export const adjustInventoryTool = defineTool({
  name: 'adjust_inventory',
  title: 'Adjust stock levels',
  description: `Adds signed deltas to units available of products at locations (+12 received, -3 damaged). ${WRITE_GUARANTEES}`,
  requires: { role: CallerRole.INVENTORY_WRITE },
  annotations: STOCK_WRITE,
  document: McpAdjustInventoryDocument,
  input: (limits) =>
    z
      .object({
        idempotencyKey: keyArgument,
        reason: reasonArgument,
        changes: changesArgument(
          z
            .object({
              ...referenceArguments,
              delta: z.number().int().min(-GRAPHQL_INT_MAX).max(GRAPHQL_INT_MAX).describe('Units to add (negative to remove).'),
              compareQuantity: compareArgument,
            })
            .strict(),
          limits,
        ),
      })
      .strict(),
  output: inventoryChangesOutputSchema,
  variables: (args) => ({ input: args }),
  answer: (data) => answerOf(data.adjustInventoryQuantities),
});

function answerOf(payload: McpInventoryChangesFieldsFragment) {
  const structured = { results: payload.results, userErrors: payload.userErrors };
  if (payload.userErrors.length > 0) {
    const reasons = payload.userErrors.map((error) => `${error.field.join('.')}: ${error.code} (${error.message})`).join('; ');
    return { structured, summary: `Nothing was applied: the input was refused: ${reasons}.` };
  }
  const count = (status: string) => payload.results.filter((result) => result.status === status).length;
  const failed = count('FAILED');
  const retry = failed > 0 ? ' Retry the same call with the same idempotencyKey to re-send only the FAILED changes (not those with VENDOR_OUTCOME_UNKNOWN).' : '';
  return {
    structured,
    summary: `${payload.results.length} change${payload.results.length === 1 ? '' : 's'}: ${count('APPLIED')} applied, ${count('CONFLICT')} conflict, ${failed} failed.${retry}`,
  };
}
