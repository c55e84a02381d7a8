import { z } from 'zod';
import { McpReorderSuggestionsDocument, type McpReorderFieldsFragment } from '../generated/mcp-operations.ts';
import { CallerRole } from '../../model/caller.ts';
import { FeatureFlag } from '../../flags/flag-names.ts';
import { READ_ONLY, defineTool } from '../mcp-tool.ts';
import { vendorIdArgument } from '../tool-arguments.ts';
import { toolVendorErrorSchema } from '../tool-errors.ts';

const suggestionSchema = z.object({
  sku: z.string(),
  vendorId: z.string(),
  available: z.number().int().nullable().describe('Units available now at this vendor; null when not tracked.'),
  needsReorder: z.boolean().describe('True when available is at or below the reorder point: order now.'),
  suggestedQuantity: z.number().int().describe('Units to order now (0 when no reorder is needed).'),
  quantityBasis: z.enum(['EOQ', 'COVER_DAYS']),
  daysOfCover: z.number().nullable().describe('Days until available runs out at forecast demand; null when it never does.'),
  stockoutProbability: z.number().nullable().describe('Probability of running out within the lead time, 0 to 1.'),
  reorderPoint: z.number(),
  safetyStock: z.number(),
  meanDailyDemand: z.number().describe('Forecast units per day.'),
  leadTimeDays: z.number(),
  leadTimeSource: z.enum(['PLANNING', 'CONFIGURED', 'MEASURED']).describe('PLANNING (vendor default), CONFIGURED (the supplier\'s) or MEASURED (from receipts).'),
  supplier: z.object({ id: z.string(), name: z.string() }).nullable().describe('Whom the SKU is bought from (a supplier, not a vendor: vendors are sales channels); null when no supplier is configured for it.'),
  serviceLevel: z.number(),
  method: z.string(),
  demandClass: z.enum(['SMOOTH', 'INTERMITTENT', 'ERRATIC', 'LUMPY', 'NO_DEMAND']),
});

export const reorderSuggestionsTool = defineTool({
  name: 'reorder_suggestions',
  title: 'Reorder suggestions',
  description:
    'What to reorder, for every SKU with sales history at every vendor (or one `vendorId`), most urgent first: SKUs that need ' +
    'a reorder now (`needsReorder`), then by fewest `daysOfCover` (days until stock runs out at forecast demand). Each has ' +
    '`available` units, `suggestedQuantity` units to order, reorder point and safety stock in units, stock-out probability ' +
    'within the lead time, forecast demand per day, and the `supplier` it is bought from (vendors are the sales channels ' +
    'stock sits at; suppliers are whom purchase orders go to). SKUs that run out within N days: `daysOfCover` <= N. A vendor that ' +
    'fails is named in `errors`; the others\' suggestions are still returned. Reads only; places no order ' +
    '(create_purchase_order_drafts turns them into draft orders).',
  requires: { role: CallerRole.VIEWER, flag: FeatureFlag.AUTO_REORDER },
  annotations: READ_ONLY,
  document: McpReorderSuggestionsDocument,
  input: () => z.object({ vendorId: vendorIdArgument.optional().describe('Only this vendor; omit for every vendor.') }).strict(),
  output: z.object({ suggestions: z.array(suggestionSchema), errors: z.array(toolVendorErrorSchema) }),
  variables: (args) => ({ vendorId: args.vendorId ?? '', oneVendor: args.vendorId !== undefined }),
  answer: (data, errors) => {
    const suggestions = [...(data.reorderSuggestions ?? []), ...(data.vendors ?? []).flatMap((vendor) => vendor.reorderSuggestions ?? [])].sort(byUrgency);
    const now = suggestions.filter((suggestion) => suggestion.needsReorder);
    const top = now
      .slice(0, 8)
      .map((s) => `${s.sku} at ${s.vendorId} (${s.available ?? '?'} left, ${s.daysOfCover === null ? 'no' : s.daysOfCover.toFixed(1)} days of cover): order ${s.suggestedQuantity}`)
      .join('; ');
    const failed = errors.length > 0 ? ` Incomplete: ${errors.map((error) => `${error.vendorId ?? 'a vendor'} ${error.code}`).join(', ')}.` : '';
    return {
      structured: { suggestions, errors: [...errors] },
      summary: `${suggestions.length} SKUs assessed, ${now.length} need a reorder now${top ? `: ${top}${now.length > 8 ? `; and ${now.length - 8} more` : ''}` : ''}.${failed}`,
    };
  },
});

/** needsReorder first, then fewest days of cover (never running out last), then SKU for a stable order. */
function byUrgency(a: McpReorderFieldsFragment, b: McpReorderFieldsFragment): number {
  if (a.needsReorder !== b.needsReorder) return a.needsReorder ? -1 : 1;
  const coverA = a.daysOfCover ?? Number.POSITIVE_INFINITY;
  const coverB = b.daysOfCover ?? Number.POSITIVE_INFINITY;
  if (coverA !== coverB) return coverA - coverB;
  return a.sku.localeCompare(b.sku) || a.vendorId.localeCompare(b.vendorId);
}
