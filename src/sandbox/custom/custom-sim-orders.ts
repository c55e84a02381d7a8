import { centsToDecimal } from '../demo-catalog.ts';
import { DAY_MS } from '../demo-demand.ts';
import type { DemoOrderBook } from '../demo-order-book.ts';
import type { SimRequest, SimResponse } from '../simulator-server.ts';
import type { DropshipItem } from './custom-sim-catalog.ts';
import { decodeToken, encodeToken, errorResponse, intParam } from './custom-sim-routes.ts';

export const MAX_ORDERS_PAGE = 250;

/**
 * Dropship Co's `GET /orders?created_from=YYYY-MM-DD&created_to=YYYY-MM-DD&limit=&cursor=`:
 * orders created in [created_from, created_to) (UTC days), oldest first, keyset cursor on the
 * order id, `{ data: { orders: [...], next_cursor } }`. Cancelled orders are listed with
 * `status: "cancelled"`.
 */
export function listDropshipOrders(request: SimRequest, book: DemoOrderBook<DropshipItem>): SimResponse {
  const limit = intParam(request, 'limit', 50, 1, MAX_ORDERS_PAGE);
  if (typeof limit !== 'number') return limit;
  const from = dayParam(request, 'created_from');
  const to = dayParam(request, 'created_to');
  if (from === null || to === null) return errorResponse(400, 'invalid_parameter', 'created_from and created_to must be dates (YYYY-MM-DD)');
  let orders = book.ordersBetween(from, to);
  const cursor = request.query.get('cursor');
  if (cursor) {
    const afterId = Number(decodeToken(cursor));
    if (!Number.isInteger(afterId)) return errorResponse(400, 'invalid_cursor', 'cursor is not valid');
    orders = orders.filter((order) => order.id > afterId);
  }
  const page = orders.slice(0, limit);
  const last = page.at(-1);
  return {
    status: 200,
    body: {
      data: {
        orders: page.map((order) => ({
          id: `ord_${String(order.id)}`,
          status: order.cancelled ? 'cancelled' : 'shipped',
          created_at: new Date(order.createdAtMs).toISOString(),
          currency: 'USD',
          lines: order.lines.map((line) => ({ product_id: line.item.ref.id, sku: line.item.sku, qty: line.quantity, total: centsToDecimal(line.totalCents) })),
        })),
        next_cursor: orders.length > limit && last ? encodeToken(String(last.id)) : null,
      },
    },
  };
}

function dayParam(request: SimRequest, name: string): number | null {
  const raw = request.query.get(name) ?? '';
  const ms = /^\d{4}-\d{2}-\d{2}$/.test(raw) ? Date.parse(`${raw}T00:00:00Z`) : Number.NaN;
  return Number.isNaN(ms) ? null : Math.floor(ms / DAY_MS) * DAY_MS;
}
