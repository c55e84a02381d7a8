import { z } from 'zod';
import { McpGetStockDocument, type McpGetStockQuery } from '../generated/mcp-operations.ts';
import { CallerRole } from '../../model/caller.ts';
import { READ_ONLY, defineTool } from '../mcp-tool.ts';
import { skuArgument } from '../tool-arguments.ts';
import { toolVendorErrorSchema } from '../tool-errors.ts';

const productStockSchema = z.object({
  id: z.string().describe('Global product ID (the `productId` of a stock write).'),
  sku: z.string().nullable(),
  name: z.string(),
  vendorId: z.string(),
  inventoryTracked: z.boolean(),
  totalAvailable: z.number().int().nullable().describe('Units available at this vendor, summed over its locations.'),
  inventoryLevels: z.array(
    z.object({
      locationId: z.string().describe('Global location ID (the `locationId` of a stock write).'),
      locationName: z.string(),
      available: z.number().int().describe('Units available to sell at this location.'),
      onHand: z.number().int().nullable(),
    }),
  ),
});

const totalSchema = z.object({
  sku: z.string(),
  totalAvailable: z.number().int().nullable().describe('Units available summed over every vendor and location; null when no vendor tracks it.'),
  vendorIds: z.array(z.string()),
});

type StockProduct = McpGetStockQuery['productsBySku'][number];

export const getStockTool = defineTool({
  name: 'get_stock',
  title: 'Get stock by SKU',
  description:
    'Current stock of SKUs at every vendor (channel) that sells them: per vendor `totalAvailable` and `inventoryLevels` per location ' +
    '(units), plus `totals` summed across all channels per SKU. SKUs no vendor knows are listed in `notFound` (only certain when ' +
    '`errors` is empty: a vendor that could not be reached is named in `errors`, and the other vendors\' stock is still returned). ' +
    'Use the `id` and `locationId` values to change stock with set_inventory or adjust_inventory.',
  requires: { role: CallerRole.VIEWER },
  annotations: READ_ONLY,
  document: McpGetStockDocument,
  input: (limits) =>
    z
      .object({
        skus: z
          .array(skuArgument)
          .min(1)
          .max(limits.maxSkusPerQuery)
          .describe(`SKU codes to look up, 1 to ${limits.maxSkusPerQuery} (limits.maxSkusPerQuery).`),
      })
      .strict(),
  output: z.object({
    products: z.array(productStockSchema),
    totals: z.array(totalSchema),
    notFound: z.array(z.string()),
    errors: z.array(toolVendorErrorSchema),
  }),
  variables: (args) => ({ skus: [...new Set(args.skus)] }),
  answer: (data, errors, args) => {
    const products = data.productsBySku;
    const totals = totalsBySku(products);
    const found = new Set(totals.map((total) => total.sku));
    const notFound = [...new Set(args.skus)].filter((sku) => !found.has(sku));
    return {
      structured: { products, totals, notFound, errors: [...errors] },
      summary: stockSummary(totals, found.size, errors.length),
    };
  },
});

function totalsBySku(products: readonly StockProduct[]): Array<z.infer<typeof totalSchema>> {
  const bySku = new Map<string, { totalAvailable: number | null; vendorIds: string[] }>();
  for (const product of products) {
    if (product.sku === null) continue;
    const entry = bySku.get(product.sku) ?? { totalAvailable: null, vendorIds: [] };
    entry.vendorIds.push(product.vendorId);
    if (product.totalAvailable !== null) entry.totalAvailable = (entry.totalAvailable ?? 0) + product.totalAvailable;
    bySku.set(product.sku, entry);
  }
  return [...bySku].map(([sku, entry]) => ({ sku, ...entry }));
}

function stockSummary(totals: ReadonlyArray<z.infer<typeof totalSchema>>, found: number, failedVendors: number): string {
  const shown = totals
    .slice(0, 10)
    .map((total) => `${total.sku}: ${total.totalAvailable ?? 'untracked'} across ${total.vendorIds.length} vendor${total.vendorIds.length === 1 ? '' : 's'}`)
    .join('; ');
  const rest = totals.length > 10 ? `; and ${totals.length - 10} more` : '';
  const failed = failedVendors > 0 ? ` Incomplete: ${failedVendors} vendor error${failedVendors === 1 ? '' : 's'} (see errors).` : '';
  return `Stock found for ${found} SKU${found === 1 ? '' : 's'}${shown ? `: ${shown}${rest}` : ''}.${failed}`;
}
