import { FaultKind, type FaultSettings } from '../fault-injection.ts';
import { SimulatorServer, type SimRequest, type SimResponse, type SimulatorHandler } from '../simulator-server.ts';
import { DROPSHIP_WAREHOUSES, buildDropshipCatalog, type DropshipItem, type DropshipStockEntry } from './custom-sim-catalog.ts';
import {
  API_PREFIX,
  DEFAULT_PAGE_SIZE,
  MAX_BATCH,
  MAX_PAGE_SIZE,
  applyFilters,
  decodeToken,
  encodeToken,
  errorResponse,
  intParam,
} from './custom-sim-routes.ts';

import { DemoOrderBook, type DemoOrderBookOptions } from '../demo-order-book.ts';
import { demoSellables } from '../demo-sellables.ts';
import { listDropshipOrders } from './custom-sim-orders.ts';
import { DropshipSimWebhooks } from './custom-sim-webhooks.ts';

export { demoCustomVendorConfig } from './custom-sim-demo-config.ts';

/** A stock write the simulator applied (tests hook it to cut the connection after apply). */
export interface DropshipStockWrite {
  readonly itemId: string;
  readonly warehouse: string;
  readonly before: number;
  readonly after: number;
}

/**
 * "Dropship Co": a dropship supplier's JSON feed. One API, several list routes so each pagination
 * style of the custom mapping can be exercised against the same catalog:
 * - GET /products      cursor   (`cursor`, `limit`; `data.next_cursor`, `data.total`)
 * - GET /catalog       page     (`page`, `per_page`; `meta.total`, `X-Total-Count`)
 * - GET /feed          offset   (`offset`, `limit`; `count`)
 * - GET /export        link     (`page_token`, `limit`; bare array, `Link: <...>; rel="next"`)
 * - GET /products/batch?ids=a,b | ?skus=x,y (at most 50), GET /products/{id},
 * - GET /warehouses    every warehouse (`data: [{ code, name, active }]`, no paging),
 * - PUT /products/{id}/stock/{warehouse} `{ "quantity": n }` (absolute; not idempotent by key).
 * Auth: `X-Api-Key` header (or `api_key` query parameter). All routes live under /api/v1.
 */
export class DropshipHandler implements SimulatorHandler {
  readonly items: DropshipItem[];
  readonly stockWrites: DropshipStockWrite[] = [];
  /** Called after a stock write is applied, before the answer is sent. */
  onStockWrite: ((write: DropshipStockWrite) => void) | null = null;
  /** The demo order history `GET /orders` serves. */
  orders: DemoOrderBook<DropshipItem> | null = null;
  /** Signed `stock.changed` deliveries after every stock change (to the targets set with `sendTo`). */
  readonly webhooks = new DropshipSimWebhooks();
  private readonly apiKey: string;

  constructor(apiKey: string, seed: number) {
    this.apiKey = apiKey;
    this.items = buildDropshipCatalog(seed);
  }

  describe(request: SimRequest): string {
    const route = request.path
      .replace(API_PREFIX, '')
      .replace(/^\/products\/(?!batch$)[^/]+/, '/products/:id')
      .replace(/\/stock\/[^/]+$/, '/stock/:warehouse');
    return `${request.method} ${route}`;
  }

  faultResponse(kind: typeof FaultKind.ERROR | typeof FaultKind.THROTTLE): SimResponse {
    return kind === FaultKind.THROTTLE
      ? errorResponse(429, 'rate_limited', 'Too many requests; slow down', { 'retry-after': '2' })
      : errorResponse(500, 'internal', 'The feed is temporarily unavailable');
  }

  handle(request: SimRequest): SimResponse {
    // Like many feeds, the key is accepted as a header or as an `api_key` query parameter.
    if (request.headers['x-api-key'] !== this.apiKey && request.query.get('api_key') !== this.apiKey) {
      return errorResponse(401, 'unauthorized', 'Missing or invalid X-Api-Key header');
    }
    if (!request.path.startsWith(`${API_PREFIX}/`)) return errorResponse(404, 'not_found', 'No such route');
    const route = request.path.slice(API_PREFIX.length);
    const segments = route.split('/').slice(1).map(decodeURIComponent);
    if (request.method === 'GET') {
      if (route === '/products') return this.cursorList(request);
      if (route === '/orders' && this.orders) return listDropshipOrders(request, this.orders);
      if (route === '/catalog') return this.pageList(request);
      if (route === '/feed') return this.offsetList(request);
      if (route === '/export') return this.linkList(request);
      if (route === '/products/batch') return this.batch(request);
      if (route === '/warehouses') return { status: 200, body: { data: DROPSHIP_WAREHOUSES.map((warehouse) => ({ ...warehouse, active: true })) } };
      if (segments.length === 2 && segments[0] === 'products') return this.single(segments[1] ?? '');
    }
    if (request.method === 'PUT' && segments.length === 4 && segments[0] === 'products' && segments[2] === 'stock') {
      return this.writeStock(segments[1] ?? '', segments[3] ?? '', request.body);
    }
    return errorResponse(404, 'not_found', `No route ${request.method} ${route}`);
  }

  private cursorList(request: SimRequest): SimResponse {
    const limit = intParam(request, 'limit', DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE);
    if (typeof limit !== 'number') return limit;
    const items = applyFilters(this.items, request);
    const cursor = request.query.get('cursor');
    let start = 0;
    if (cursor) {
      const afterId = decodeToken(cursor);
      if (afterId === null) return errorResponse(400, 'invalid_cursor', 'cursor is not valid');
      // Keyset: the first item after the cursor's id, so cursors stay valid while items change.
      start = items.findIndex((item) => item.id > afterId);
      if (start < 0) start = items.length;
    }
    const page = items.slice(start, start + limit);
    const last = page.at(-1);
    const more = start + limit < items.length;
    return { status: 200, body: { data: { items: page, next_cursor: more && last ? encodeToken(last.id) : null, total: items.length } } };
  }

  private pageList(request: SimRequest): SimResponse {
    const perPage = intParam(request, 'per_page', DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE);
    if (typeof perPage !== 'number') return perPage;
    const page = intParam(request, 'page', 1, 1, 1_000_000);
    if (typeof page !== 'number') return page;
    const items = applyFilters(this.items, request);
    return {
      status: 200,
      headers: { 'x-total-count': String(items.length) },
      body: { items: items.slice((page - 1) * perPage, page * perPage), meta: { page, per_page: perPage, total: items.length } },
    };
  }

  private offsetList(request: SimRequest): SimResponse {
    const limit = intParam(request, 'limit', DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE);
    if (typeof limit !== 'number') return limit;
    const offset = intParam(request, 'offset', 0, 0, 1_000_000);
    if (typeof offset !== 'number') return offset;
    const items = applyFilters(this.items, request);
    return { status: 200, body: { results: items.slice(offset, offset + limit), count: items.length } };
  }

  private linkList(request: SimRequest): SimResponse {
    const limit = intParam(request, 'limit', DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE);
    if (typeof limit !== 'number') return limit;
    const token = request.query.get('page_token');
    const offset = token ? Number(decodeToken(token)) : 0;
    if (!Number.isInteger(offset) || offset < 0) return errorResponse(400, 'invalid_cursor', 'page_token is not valid');
    const items = applyFilters(this.items, request);
    const headers: Record<string, string> = { 'x-total-count': String(items.length) };
    if (offset + limit < items.length) {
      const next = new URLSearchParams(request.query);
      next.set('page_token', encodeToken(String(offset + limit)));
      next.set('limit', String(limit));
      headers.link = `<http://${request.headers.host ?? 'localhost'}${API_PREFIX}/export?${next.toString()}>; rel="next"`;
    }
    return { status: 200, headers, body: items.slice(offset, offset + limit) };
  }

  private batch(request: SimRequest): SimResponse {
    const ids = request.query.get('ids');
    const skus = request.query.get('skus');
    if ((ids === null) === (skus === null)) return errorResponse(400, 'invalid_parameter', 'give exactly one of ids or skus');
    const keys = (ids ?? skus ?? '').split(',').filter((key) => key.length > 0);
    if (keys.length > MAX_BATCH) return errorResponse(400, 'too_many_keys', `at most ${MAX_BATCH} keys per request`);
    const wanted = new Set(keys);
    // Catalog order, not request order: the client must match answers to keys itself.
    const found = this.items.filter((item) => (ids !== null ? wanted.has(item.id) : item.sku !== null && wanted.has(item.sku)));
    return { status: 200, body: { data: found } };
  }

  /** A demo sale: one unit leaves a stocked warehouse of a tracked item (chosen by `pick`). */
  sellOne(pick: (count: number) => number): void {
    for (let tries = 0; tries < 20; tries++) {
      const item = this.items[pick(this.items.length)];
      const entry = item?.stock[pick(item.stock.length)];
      if (!item?.track_stock || !entry || entry.available <= 0) continue;
      this.setAvailable(item, entry, entry.available - 1);
      return;
    }
  }

  private setAvailable(item: DropshipItem, entry: DropshipStockEntry, quantity: number): void {
    const now = new Date();
    entry.on_hand += quantity - entry.available;
    entry.available = quantity;
    entry.updated_at = now.toISOString().replace(/\.\d{3}Z$/, 'Z');
    this.webhooks.stockChanged(item, entry, now);
  }

  private single(id: string): SimResponse {
    const item = this.items.find((candidate) => candidate.id === id);
    return item ? { status: 200, body: { data: item } } : errorResponse(404, 'not_found', `No product ${id}`);
  }

  private writeStock(id: string, warehouse: string, body: unknown): SimResponse {
    const item = this.items.find((candidate) => candidate.id === id);
    if (!item) return errorResponse(404, 'not_found', `No product ${id}`);
    const entry = item.stock.find((candidate) => candidate.warehouse.code === warehouse);
    if (!entry) return errorResponse(404, 'not_found', `Product ${id} is not stocked at warehouse ${warehouse}`);
    const quantity = (body as { quantity?: unknown } | undefined)?.quantity;
    if (typeof quantity !== 'number' || !Number.isInteger(quantity) || quantity < 0) {
      return errorResponse(422, 'invalid_quantity', 'quantity must be a whole number of at least 0');
    }
    const write = { itemId: id, warehouse, before: entry.available, after: quantity };
    this.setAvailable(item, entry, quantity);
    this.stockWrites.push(write);
    this.onStockWrite?.(write);
    return { status: 200, body: { data: { product_id: id, warehouse, available: entry.available, on_hand: entry.on_hand } } };
  }
}

export interface CustomSimulatorOptions {
  readonly faults?: FaultSettings;
  readonly seed?: number;
  readonly apiKey?: string;
  readonly port?: number;
  /** The demo order history (`GET /orders`) and its clock. */
  readonly orders?: Omit<DemoOrderBookOptions, 'now'>;
  readonly now?: () => number;
  /** Where stock changes are delivered as signed webhooks (more targets: `handler.webhooks.sendTo`). */
  readonly webhookTarget?: { readonly url: string; readonly secret: string };
}

export interface CustomSimulator {
  readonly server: SimulatorServer;
  /** Origin of the simulator, e.g. http://127.0.0.1:53121 (the API is below /api/v1). */
  readonly url: string;
  /** The API root a custom vendor config uses as `baseUrl`. */
  readonly baseUrl: string;
  readonly apiKey: string;
  readonly handler: DropshipHandler;
  /** The live catalog (writes change it). */
  readonly catalog: readonly DropshipItem[];
  /** The order history `GET /orders` serves (and the truth tests compare against). */
  readonly orders: DemoOrderBook<DropshipItem>;
  /** A demo sale of one unit (delivered as a webhook to the targets). */
  sellOne(pick: (count: number) => number): void;
  /** Available quantity of an item at a warehouse, or undefined when not stocked there. */
  available(itemId: string, warehouse: string): number | undefined;
  close(): Promise<void>;
}

export const DEFAULT_DROPSHIP_API_KEY = 'dropship-demo-key';

export async function startCustomSimulator(options: CustomSimulatorOptions = {}): Promise<CustomSimulator> {
  const apiKey = options.apiKey ?? DEFAULT_DROPSHIP_API_KEY;
  const handler = new DropshipHandler(apiKey, options.seed ?? 7);
  const sellables = demoSellables(handler.items, (item) => item.sku, (item) => item.pricing.amount);
  const orders = new DemoOrderBook(sellables, { seed: 404, scale: 0.3, ...options.orders, now: options.now ?? Date.now });
  handler.orders = orders;
  if (options.webhookTarget) handler.webhooks.sendTo(options.webhookTarget.url, options.webhookTarget.secret);
  const server = new SimulatorServer(handler, options.faults ?? {});
  const url = await server.listen(options.port ?? 0);
  return {
    server,
    url,
    baseUrl: `${url}${API_PREFIX}`,
    apiKey,
    handler,
    catalog: handler.items,
    orders,
    sellOne: (pick) => handler.sellOne(pick),
    available: (itemId, warehouse) =>
      handler.items.find((item) => item.id === itemId)?.stock.find((entry) => entry.warehouse.code === warehouse)?.available,
    close: () => server.close(),
  };
}
