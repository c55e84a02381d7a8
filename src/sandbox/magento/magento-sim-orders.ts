import { centsToDecimal } from '../demo-catalog.ts';
import type { DemoOrder, DemoOrderBook } from '../demo-order-book.ts';
import type { SimRequest, SimResponse } from '../simulator-server.ts';
import { magentoTime, type SimProduct } from './magento-sim-catalog.ts';
import { fail, MagentoMessages } from './magento-sim-errors.ts';
import { parseSearchCriteria, runSearch, type InputLimits, type OutOfRangePages } from './magento-sim-search.ts';

interface OrderRecord {
  readonly order: DemoOrder<SimProduct>;
  readonly created_at: string;
  readonly state: string;
}

const ORDER_FIELDS = new Set(['entity_id', 'increment_id', 'created_at', 'state', 'status']);

/**
 * `GET /V1/orders` (OrderRepositoryInterface::getList) over a demo order book: searchCriteria
 * filters on entity_id / increment_id / created_at / state / status, paging with the store's
 * input limits. Items carry `sku`, `qty_ordered`, `row_total` (JSON numbers, as Magento sends
 * them) like docs-examples/order.get.response.elided.json.txt.
 */
export function searchOrders(request: SimRequest, book: DemoOrderBook<SimProduct>, limits: InputLimits, outOfRange: OutOfRangePages): SimResponse {
  const criteria = parseSearchCriteria(request.query);
  if (!criteria.present) fail(400, MagentoMessages.REQUIRED_FIELD, { fieldName: 'searchCriteria' });
  for (const group of criteria.filterGroups) for (const filter of group) if (!ORDER_FIELDS.has(filter.field)) fail(400, 'Invalid attribute name: %1', [filter.field]);
  const records: OrderRecord[] = book.ordersBetween(0, Number.MAX_SAFE_INTEGER).map((order) => ({
    order,
    created_at: magentoTime(new Date(order.createdAtMs).toISOString()),
    state: order.cancelled ? 'canceled' : 'complete',
  }));
  const read = (record: OrderRecord, field: string): unknown => {
    if (field === 'entity_id') return record.order.id;
    if (field === 'increment_id') return String(record.order.id).padStart(9, '0');
    if (field === 'status') return record.state;
    return field === 'created_at' ? record.created_at : field === 'state' ? record.state : undefined;
  };
  const page = runSearch(records, criteria, read, limits, outOfRange);
  return { status: 200, body: { items: page.items.map(orderPayload), search_criteria: page.echo, total_count: page.totalCount } };
}

function orderPayload(record: OrderRecord) {
  const { order } = record;
  const total = order.lines.reduce((sum, line) => sum + line.totalCents, 0);
  return {
    entity_id: order.id,
    increment_id: String(order.id).padStart(9, '0'),
    created_at: record.created_at,
    updated_at: record.created_at,
    state: record.state,
    status: record.state,
    base_currency_code: 'USD',
    order_currency_code: 'USD',
    grand_total: Number(centsToDecimal(total)),
    base_grand_total: Number(centsToDecimal(total)),
    total_item_count: order.lines.length,
    items: order.lines.map((line) => ({
      item_id: line.id,
      order_id: order.id,
      product_id: line.item.ref.id,
      product_type: 'simple',
      sku: line.item.sku,
      name: line.item.ref.name,
      qty_ordered: line.quantity,
      qty_canceled: order.cancelled ? line.quantity : 0,
      price: line.item.priceCents / 100,
      base_price: line.item.priceCents / 100,
      row_total: Number(centsToDecimal(line.totalCents)),
      base_row_total: Number(centsToDecimal(line.totalCents)),
      created_at: record.created_at,
    })),
  };
}
