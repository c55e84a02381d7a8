import { z } from 'zod';
import type { OrderLine, OrderLinesPage, OrderLinesRequest, UpstreamCallContext } from '../vendor-source.ts';
import type { MagentoClient } from './magento-client.ts';
import { ConditionType } from './magento-search-criteria.ts';

/**
 * Demand history from `GET /V1/orders` with searchCriteria: created_at in [since, until) (Magento
 * keeps created_at in UTC as "YYYY-MM-DD HH:MM:SS"), state not `canceled`, sorted by entity_id,
 * one page per call (the cursor is the next page number; the loop ends on `total_count`, never on
 * an empty page, see magento-paging.ts). Items with a parent item are the simple children of a
 * configurable line: the parent line already carries the quantity and price, so they are skipped.
 * Magento sends money as JSON numbers; they become decimal strings here, at the edge.
 */
const itemSchema = z.object({
  sku: z.string().nullish(),
  qty_ordered: z.number(),
  row_total: z.number().nullish(),
  parent_item_id: z.number().nullish(),
  parent_item: z.unknown().optional(),
});
const orderSchema = z.object({
  created_at: z.string().min(10),
  order_currency_code: z.string().min(3).optional(),
  base_currency_code: z.string().min(3).optional(),
  items: z.array(itemSchema).default([]),
});

export async function magentoOrderLines(client: MagentoClient, pageSize: number, ctx: UpstreamCallContext, request: OrderLinesRequest): Promise<OrderLinesPage> {
  const page = request.cursor === null ? 1 : Number(request.cursor);
  const result = await client.search(
    ctx,
    '/orders',
    {
      filterGroups: [
        [{ field: 'created_at', value: `${request.since} 00:00:00`, conditionType: ConditionType.GTEQ }],
        [{ field: 'created_at', value: `${request.until} 00:00:00`, conditionType: ConditionType.LT }],
        [{ field: 'state', value: 'canceled', conditionType: ConditionType.NEQ }],
      ],
      sortOrders: [{ field: 'entity_id', direction: 'ASC' }],
      pageSize,
      currentPage: page,
    },
    'GET /V1/orders',
  );
  const lines: OrderLine[] = [];
  for (const raw of result.items) {
    const parsed = orderSchema.safeParse(raw);
    if (!parsed.success) throw client.shapeError('GET /V1/orders');
    const order = parsed.data;
    const currencyCode = order.order_currency_code ?? order.base_currency_code ?? 'USD';
    const date = order.created_at.slice(0, 10);
    for (const item of order.items) {
      if (!item.sku || item.parent_item_id || item.parent_item) continue;
      lines.push({ sku: item.sku, date, quantity: item.qty_ordered, revenue: { amount: String(item.row_total ?? 0), currencyCode } });
    }
  }
  return { lines, nextCursor: page * pageSize < result.totalCount && result.items.length > 0 ? String(page + 1) : null };
}
