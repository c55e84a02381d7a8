import { UpstreamErrorClass } from '../../errors/error-code.ts';
import { UpstreamError } from '../../errors/gateway-error.ts';
import type { OrderLine, OrderLinesPage, OrderLinesRequest, UpstreamCallContext } from '../vendor-source.ts';
import type { CustomClient } from './custom-client.ts';
import type { CustomOrdersMapping } from '../../config/vendors/custom/custom-orders-config.ts';
import { readJsonPath } from '../../config/vendors/custom/json-path.ts';

const DECIMAL = /^-?\d+(\.\d+)?$/;

/** One page of a custom vendor's orders through its `orders` mapping (cursor-paged). */
export async function customOrderLines(client: CustomClient, mapping: CustomOrdersMapping, ctx: UpstreamCallContext, request: OrderLinesRequest): Promise<OrderLinesPage> {
  const query = new URLSearchParams({ [mapping.sinceParam]: request.since, [mapping.untilParam]: request.until, [mapping.pageSize.param]: String(mapping.pageSize.max) });
  if (request.cursor !== null) query.set(mapping.cursorParam, request.cursor);
  const response = await client.get(ctx, mapping.path, query, `GET ${mapping.path}`);
  const orders = readJsonPath(response.body, mapping.itemsPath);
  if (!Array.isArray(orders)) throw shapeError(client.vendorId, `${mapping.itemsPath} is not a list`);
  const { fields } = mapping;
  const lines: OrderLine[] = [];
  for (const order of orders) {
    if (fields.status && fields.status.exclude.includes(String(readJsonPath(order, fields.status.path)))) continue;
    const createdAt = readJsonPath(order, fields.createdAt);
    const currency = readJsonPath(order, fields.currency);
    const orderLines = readJsonPath(order, fields.lines);
    if (typeof createdAt !== 'string' || Number.isNaN(Date.parse(createdAt)) || typeof currency !== 'string' || !Array.isArray(orderLines)) {
      throw shapeError(client.vendorId, 'an order lacks a valid createdAt, currency or lines');
    }
    const date = new Date(Date.parse(createdAt)).toISOString().slice(0, 10);
    for (const line of orderLines) {
      const sku = readJsonPath(line, fields.sku);
      const quantity = readJsonPath(line, fields.quantity);
      const total = readJsonPath(line, fields.total);
      const amount = typeof total === 'number' ? String(total) : total;
      if (typeof sku !== 'string' || sku === '' || typeof quantity !== 'number' || typeof amount !== 'string' || !DECIMAL.test(amount)) {
        throw shapeError(client.vendorId, 'an order line lacks a valid sku, quantity or total');
      }
      lines.push({ sku, date, quantity, revenue: { amount, currencyCode: currency } });
    }
  }
  const next = readJsonPath(response.body, mapping.nextCursorPath);
  return { lines, nextCursor: typeof next === 'string' && next !== '' ? next : null };
}

function shapeError(vendorId: string, problem: string): UpstreamError {
  return new UpstreamError(`${vendorId} answered the orders list with an unexpected payload: ${problem}`, { vendorId, errorClass: UpstreamErrorClass.VALIDATION });
}
