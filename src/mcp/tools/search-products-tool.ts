import { z } from 'zod';
import { McpSearchProductsDocument } from '../generated/mcp-operations.ts';
import { CallerRole } from '../../model/caller.ts';
import { READ_ONLY, defineTool } from '../mcp-tool.ts';
import { cursorArgument, pageInfoSchema, pageSizeArgument, vendorIdArgument } from '../tool-arguments.ts';
import { toolVendorErrorSchema } from '../tool-errors.ts';

const productSchema = z.object({
  id: z.string().describe('Global product ID (use it as `productId` in set_inventory / adjust_inventory).'),
  sku: z.string().nullable(),
  name: z.string(),
  vendorId: z.string(),
  status: z.enum(['ACTIVE', 'DRAFT', 'ARCHIVED']),
  price: z.object({ amount: z.string().describe('Decimal string, e.g. "19.99".'), currencyCode: z.string() }),
  inventoryTracked: z.boolean(),
  totalAvailable: z.number().int().nullable().describe('Units available summed over locations; null when stock is not tracked.'),
});

export const searchProductsTool = defineTool({
  name: 'search_products',
  title: 'Search products',
  description:
    'Finds sellable SKUs (one entry per SKU per vendor) by text in name or SKU, across every vendor or one `vendorId`, ' +
    'with price (decimal string + currency) and units available. Paged: `first` items per page; when `pageInfo.hasNextPage` ' +
    'is true, call again with `after` = `pageInfo.endCursor`. `totalCount` counts every match. If a vendor cannot be reached, ' +
    'the other vendors\' products are returned and `errors` names the vendor.',
  requires: { role: CallerRole.VIEWER },
  annotations: READ_ONLY,
  document: McpSearchProductsDocument,
  input: (limits) =>
    z
      .object({
        query: z.string().trim().min(1).max(200).optional().describe('Text to find in product names and SKUs; omit to list everything.'),
        vendorId: vendorIdArgument.optional(),
        first: pageSizeArgument(limits.maxPageSize, 20),
        after: cursorArgument.optional(),
      })
      .strict(),
  output: z.object({
    totalCount: z.number().int(),
    pageInfo: pageInfoSchema,
    nodes: z.array(productSchema),
    errors: z.array(toolVendorErrorSchema),
  }),
  variables: (args) => ({ query: args.query ?? null, vendorId: args.vendorId ?? null, first: args.first, after: args.after ?? null }),
  answer: (data, errors) => {
    const { totalCount, pageInfo, nodes } = data.products;
    const more = pageInfo.hasNextPage ? ` More pages follow: pass after="${pageInfo.endCursor ?? ''}".` : '';
    const failed = errors.length > 0 ? ` Incomplete: ${errors.map((error) => `${error.vendorId ?? 'a vendor'} ${error.code}`).join(', ')}.` : '';
    return {
      structured: { totalCount, pageInfo, nodes, errors: [...errors] },
      summary: `${nodes.length} of ${totalCount} matching products on this page.${more}${failed}`,
    };
  },
});
