import { z } from 'zod';
import type { OrderLine, OrderLinesPage, OrderLinesRequest, UpstreamCallContext } from '../vendor-source.ts';
import type { ShopifyClient, ShopifyOperation } from './shopify-client.ts';

/**
 * Demand history from the Admin API's `orders` query: created_at window in the search syntax,
 * `lineItems { sku quantity originalTotalSet }`, one page per call. Cancelled orders are read
 * (their `cancelledAt` tells) and left out. A year of a busy shop is many pages at these costs;
 * Shopify's Bulk Operations API is the better path for the first load of a large store (not built).
 */
export const LINES_PER_ORDER = 4;
/** Per order: the order 1 + its lineItems connection 2 + per line (LineItem 1 + MoneyBag 1 + MoneyV2 1). */
export const ORDER_NODE_COST = 1 + 2 + LINES_PER_ORDER * 3;
/** Orders per page so that the requested cost stays within the 1,000-point single-query limit. */
export const ORDERS_PER_PAGE = Math.floor((1000 - 2) / ORDER_NODE_COST);
const MORE_LINES_PER_PAGE = 100;

const LINE_FIELDS = 'sku quantity originalTotalSet { shopMoney { amount currencyCode } }';

export const ORDER_LINES_PAGE = `
query OrderLinesPage($first: Int!, $after: String, $query: String!, $linesFirst: Int!) {
  orders(first: $first, after: $after, query: $query, sortKey: CREATED_AT) {
    pageInfo { hasNextPage endCursor }
    nodes {
      id
      createdAt
      cancelledAt
      lineItems(first: $linesFirst) { pageInfo { hasNextPage endCursor } nodes { ${LINE_FIELDS} } }
    }
  }
}`;

export const ORDER_MORE_LINES = `
query OrderMoreLines($id: ID!, $first: Int!, $after: String) {
  node(id: $id) {
    ... on Order { lineItems(first: $first, after: $after) { pageInfo { hasNextPage endCursor } nodes { ${LINE_FIELDS} } } }
  }
}`;

const decimal = z.string().regex(/^-?\d+(\.\d+)?$/, 'expected a decimal string');
const pageInfoSchema = z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullish() });
const lineSchema = z.object({
  sku: z.string().nullable(),
  quantity: z.number().int(),
  originalTotalSet: z.object({ shopMoney: z.object({ amount: decimal, currencyCode: z.string().min(3) }) }),
});
const linesSchema = z.object({ pageInfo: pageInfoSchema, nodes: z.array(lineSchema) });
type ShopifyOrderLine = z.infer<typeof lineSchema>;

const pageSchema = z.object({
  orders: z.object({
    pageInfo: pageInfoSchema,
    nodes: z.array(z.object({ id: z.string(), createdAt: z.string(), cancelledAt: z.string().nullish(), lineItems: linesSchema })),
  }),
});

const orderLinesPage: ShopifyOperation<z.infer<typeof pageSchema>> = { name: 'OrderLinesPage', document: ORDER_LINES_PAGE, data: pageSchema };

const moreLines: ShopifyOperation<{ node: { lineItems?: z.infer<typeof linesSchema> } | null }> = {
  name: 'OrderMoreLines',
  document: ORDER_MORE_LINES,
  data: z.object({ node: z.object({ lineItems: linesSchema.optional() }).nullable() }),
};

export class ShopifyOrders {
  private readonly client: ShopifyClient;

  constructor(client: ShopifyClient) {
    this.client = client;
  }

  async page(ctx: UpstreamCallContext, request: OrderLinesRequest): Promise<OrderLinesPage> {
    const query = `created_at:>=${request.since}T00:00:00Z created_at:<${request.until}T00:00:00Z`;
    const variables = { first: ORDERS_PER_PAGE, after: request.cursor, query, linesFirst: LINES_PER_ORDER };
    const data = await this.client.execute(ctx, orderLinesPage, variables, { cost: 2 + ORDERS_PER_PAGE * ORDER_NODE_COST });
    const lines: OrderLine[] = [];
    for (const order of data.orders.nodes) {
      if (order.cancelledAt) continue;
      const date = order.createdAt.slice(0, 10);
      const all = order.lineItems.pageInfo.hasNextPage ? [...order.lineItems.nodes, ...(await this.restOfLines(ctx, order.id, order.lineItems.pageInfo.endCursor ?? null))] : order.lineItems.nodes;
      for (const line of all) if (line.sku) lines.push(toOrderLine(line, date));
    }
    return { lines, nextCursor: data.orders.pageInfo.hasNextPage ? (data.orders.pageInfo.endCursor ?? null) : null };
  }

  /** Orders with more lines than one page holds: the rest, 100 at a time (rare). */
  private async restOfLines(ctx: UpstreamCallContext, orderId: string, after: string | null): Promise<ShopifyOrderLine[]> {
    const lines: ShopifyOrderLine[] = [];
    for (let cursor = after; ; ) {
      const data = await this.client.execute(ctx, moreLines, { id: orderId, first: MORE_LINES_PER_PAGE, after: cursor }, { cost: 2 + MORE_LINES_PER_PAGE * 3 + 1 });
      const connection = data.node?.lineItems;
      if (!connection) return lines;
      lines.push(...connection.nodes);
      if (!connection.pageInfo.hasNextPage) return lines;
      cursor = connection.pageInfo.endCursor ?? null;
    }
  }
}

function toOrderLine(line: ShopifyOrderLine, date: string): OrderLine {
  const money = line.originalTotalSet.shopMoney;
  return { sku: line.sku ?? '', date, quantity: line.quantity, revenue: { amount: money.amount, currencyCode: money.currencyCode } };
}
