import { GraphQLError } from 'graphql';
import { centsToDecimal } from '../demo-catalog.ts';
import type { DemoOrder, DemoOrderBook } from '../demo-order-book.ts';
import { buildConnection, type ConnectionArgs } from './shopify-sim-connection.ts';
import type { SimVariant } from './shopify-sim-catalog.ts';

/**
 * `orders(first, after, query, sortKey)` of the Admin API over a demo order book. The search
 * syntax understood is what the gateway sends: `created_at:>=…` / `created_at:<…` terms (a date
 * or an ISO instant; dates are the shop's time zone, UTC here), ANDed. Other terms are refused,
 * so a client relying on an unsupported filter finds out in tests.
 */
export function ordersRoot(book: DemoOrderBook<SimVariant>, currencyCode: string) {
  return {
    orders: (args: ConnectionArgs & { query?: string | null; sortKey?: string | null }) => {
      const { from, until } = createdAtWindow(args.query ?? '');
      const orders = book.ordersBetween(from, until);
      return buildConnection(orders, args, (order) => order.id, (order) => orderView(order, currencyCode));
    },
  };
}

function orderView(order: DemoOrder<SimVariant>, currencyCode: string) {
  const money = (cents: number) => ({ amount: centsToDecimal(cents), currencyCode });
  return {
    __typename: 'Order',
    id: `gid://shopify/Order/${String(order.id)}`,
    name: `#${String(order.id)}`,
    createdAt: new Date(order.createdAtMs).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    cancelledAt: order.cancelled ? new Date(order.createdAtMs + 3_600_000).toISOString().replace(/\.\d{3}Z$/, 'Z') : null,
    currencyCode,
    lineItems: (args: ConnectionArgs) =>
      buildConnection(order.lines, args, (line) => line.id, (line) => ({
        __typename: 'LineItem',
        id: `gid://shopify/LineItem/${String(line.id)}`,
        sku: line.item.ref.sku,
        quantity: line.quantity,
        originalTotalSet: { shopMoney: money(line.totalCents), presentmentMoney: money(line.totalCents) },
      })),
  };
}

const TERM = /^created_at:(>=|<=|>|<)(.+)$/;

function createdAtWindow(query: string): { from: number; until: number } {
  let from = 0;
  let until = Number.MAX_SAFE_INTEGER;
  for (const term of query.split(/\s+(?:AND\s+)?/).filter((part) => part !== '')) {
    const match = TERM.exec(term);
    const instant = match ? Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(unquote(match[2] ?? '')) ? `${unquote(match[2] ?? '')}T00:00:00Z` : unquote(match[2] ?? '')) : Number.NaN;
    if (!match || Number.isNaN(instant)) throw new GraphQLError(`Unsupported search term in the sandbox: ${term.slice(0, 80)}`, { extensions: { code: 'BAD_REQUEST' } });
    if (match[1] === '>=') from = Math.max(from, instant);
    if (match[1] === '>') from = Math.max(from, instant + 1);
    if (match[1] === '<') until = Math.min(until, instant);
    if (match[1] === '<=') until = Math.min(until, instant + 1);
  }
  return { from, until };
}

function unquote(value: string): string {
  return value.replace(/^['"]|['"]$/g, '');
}
