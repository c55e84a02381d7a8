import { centsToDecimal } from '../demo-catalog.ts';
import { DAY_MS } from '../demo-demand.ts';
import type { DemoOrder, DemoOrderBook } from '../demo-order-book.ts';
import type { SimRequest, SimResponse } from '../simulator-server.ts';
import type { SimProduct, SimVariation } from './woocommerce-sim-catalog.ts';
import { invalidParams } from './woocommerce-sim-errors.ts';

export type WooSellable = { readonly kind: 'product'; readonly item: SimProduct } | { readonly kind: 'variation'; readonly item: SimVariation };

const MAX_PER_PAGE = 100;
const ORDER_STATUSES = ['any', 'pending', 'processing', 'on-hold', 'completed', 'cancelled', 'refunded', 'failed', 'trash'];

/**
 * `GET /wp-json/wc/v3/orders` over a demo order book, with the arguments of the v3 orders
 * controller the gateway uses: `after` / `before` (ISO 8601, exclusive, site time unless
 * `dates_are_gmt=true`; the demo site runs on UTC), `status` (comma list), `page` / `per_page`
 * (≤ 100), `orderby` (date | id), `order`, and the `X-WP-Total` / `X-WP-TotalPages` headers.
 * Payloads follow docs-examples/order.retrieve.response.json (the fields a report reads).
 */
export function listOrders(request: SimRequest, book: DemoOrderBook<WooSellable>, now: number): SimResponse {
  const problems: Record<string, string> = {};
  const perPage = intArg(request, 'per_page', 10, problems);
  const page = intArg(request, 'page', 1, problems);
  if (perPage < 1 || perPage > MAX_PER_PAGE) problems.per_page = `per_page must be between 1 (inclusive) and ${String(MAX_PER_PAGE)} (inclusive)`;
  const after = dateArg(request, 'after', problems);
  const before = dateArg(request, 'before', problems);
  const statuses = (request.query.get('status') ?? 'any').split(',').map((status) => status.trim());
  if (statuses.some((status) => !ORDER_STATUSES.includes(status))) problems.status = `status[0] is not one of ${ORDER_STATUSES.join(', ')}.`;
  const order = request.query.get('order') ?? 'desc';
  if (order !== 'asc' && order !== 'desc') problems.order = 'order is not one of asc and desc.';
  if (Object.keys(problems).length > 0) return invalidParams(problems);

  const from = after === null ? 0 : after + 1000; // "after" is exclusive, to the second
  const orders = book
    .ordersBetween(from, before ?? Number.MAX_SAFE_INTEGER)
    .filter((entry) => statuses.includes('any') || statuses.includes(statusOf(entry, now)));
  if (order === 'desc') orders.reverse();
  const total = orders.length;
  const totalPages = Math.ceil(total / perPage);
  const body = orders.slice((page - 1) * perPage, page * perPage).map((entry) => orderPayload(entry, now));
  return { status: 200, headers: { 'x-wp-total': String(total), 'x-wp-totalpages': String(totalPages) }, body };
}

function statusOf(order: DemoOrder<WooSellable>, now: number): string {
  if (order.cancelled) return 'cancelled';
  return now - order.createdAtMs > 3 * DAY_MS ? 'completed' : 'processing';
}

function orderPayload(order: DemoOrder<WooSellable>, now: number) {
  const created = new Date(order.createdAtMs).toISOString().slice(0, 19);
  const total = order.lines.reduce((sum, line) => sum + line.totalCents, 0);
  return {
    id: order.id,
    parent_id: 0,
    number: String(order.id),
    status: statusOf(order, now),
    currency: 'USD',
    date_created: created,
    date_created_gmt: created,
    date_modified: created,
    date_modified_gmt: created,
    prices_include_tax: false,
    total: centsToDecimal(total),
    total_tax: '0.00',
    line_items: order.lines.map((line) => ({
      id: line.id,
      name: line.item.ref.kind === 'product' ? line.item.ref.item.name : `Variation ${String(line.item.ref.item.id)}`,
      product_id: line.item.ref.kind === 'product' ? line.item.ref.item.id : line.item.ref.item.parentId,
      variation_id: line.item.ref.kind === 'variation' ? line.item.ref.item.id : 0,
      quantity: line.quantity,
      tax_class: '',
      subtotal: centsToDecimal(line.totalCents),
      subtotal_tax: '0.00',
      total: centsToDecimal(line.totalCents),
      total_tax: '0.00',
      taxes: [],
      meta_data: [],
      sku: line.item.sku,
      price: line.item.priceCents / 100,
    })),
  };
}

function intArg(request: SimRequest, name: string, fallback: number, problems: Record<string, string>): number {
  const raw = request.query.get(name);
  if (raw === null) return fallback;
  if (!/^\d+$/.test(raw)) problems[name] = `${name} is not of type integer.`;
  return Number(raw);
}

function dateArg(request: SimRequest, name: string, problems: Record<string, string>): number | null {
  const raw = request.query.get(name);
  if (raw === null) return null;
  const instant = Date.parse(/[zZ]|[+-]\d\d:\d\d$/.test(raw) ? raw : `${raw}Z`);
  if (Number.isNaN(instant)) problems[name] = 'Invalid date.';
  return instant;
}
