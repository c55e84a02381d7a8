import { z } from 'zod';
import { UpstreamErrorClass } from '../../errors/error-code.ts';
import { UpstreamError } from '../../errors/gateway-error.ts';
import type { OrderLine, OrderLinesPage, OrderLinesRequest, UpstreamCallContext } from '../vendor-source.ts';
import type { WooCommerceClient } from './woocommerce-client.ts';
import { WOO_MAX_PER_PAGE } from './woocommerce-endpoints.ts';

/**
 * Demand history from `GET /orders` (v3 orders controller): `after` / `before` are exclusive and
 * in site time unless `dates_are_gmt=true`, so the window [since, until) is sent in GMT as
 * after = the last second before `since`, before = `until` midnight. Only orders that are sales
 * (`processing`, `on-hold`, `completed`) are asked for; cancelled, refunded and failed ones are
 * not demand. Paged with `page` / `per_page=100` and `X-WP-TotalPages`; the cursor is the next page.
 */
export const SALE_STATUSES = 'processing,on-hold,completed';

const decimal = z.union([z.string(), z.number()]).transform(String).pipe(z.string().regex(/^-?\d+(\.\d+)?$/));
const orderSchema = z.object({
  id: z.number(),
  currency: z.string().min(3),
  date_created_gmt: z.string().min(10),
  line_items: z.array(z.object({ sku: z.string().nullish(), quantity: z.number(), total: decimal })),
});
const ordersSchema = z.array(orderSchema);

export async function wooOrderLines(client: WooCommerceClient, vendorId: string, ctx: UpstreamCallContext, request: OrderLinesRequest): Promise<OrderLinesPage> {
  const page = request.cursor === null ? 1 : Number(request.cursor);
  const query = {
    after: secondBefore(request.since),
    before: `${request.until}T00:00:00`,
    dates_are_gmt: 'true',
    status: SALE_STATUSES,
    orderby: 'id',
    order: 'asc',
    per_page: WOO_MAX_PER_PAGE,
    page,
  };
  const result = await client.get(ctx, '/orders', query, 'GET /orders');
  const parsed = ordersSchema.safeParse(result.body);
  if (!parsed.success) {
    throw new UpstreamError(`${vendorId} answered GET /orders with an unexpected payload`, { vendorId, errorClass: UpstreamErrorClass.VALIDATION });
  }
  const lines: OrderLine[] = [];
  for (const order of parsed.data) {
    const date = order.date_created_gmt.slice(0, 10);
    for (const line of order.line_items) {
      if (!line.sku) continue;
      lines.push({ sku: line.sku, date, quantity: line.quantity, revenue: { amount: line.total, currencyCode: order.currency } });
    }
  }
  return { lines, nextCursor: page < result.totalPages ? String(page + 1) : null };
}

/** "2026-03-01" → "2026-02-28T23:59:59" (the `after` filter is exclusive, to the second). */
function secondBefore(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - 1000).toISOString().slice(0, 19);
}
