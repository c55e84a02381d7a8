import type { FaultSettings } from '../fault-injection.ts';
import { SimulatorServer, type SimRequest, type SimResponse, type SimulatorHandler } from '../simulator-server.ts';
import { buildWooCatalog, type SimCatalog, type SimProduct, type SimVariation } from './woocommerce-sim-catalog.ts';
import { productPayload, variationAsProductPayload, variationPayload, type PayloadContext } from './woocommerce-sim-payloads.ts';
import { authenticate, type WooKeyPair } from './woocommerce-sim-auth.ts';
import { listProducts, listVariations } from './woocommerce-sim-collections.ts';
import {
  PermissionDenied,
  criticalError,
  invalidParams,
  invalidProductId,
  invalidVariationId,
  noRoute,
  throttled,
} from './woocommerce-sim-errors.ts';
import { applyUpdate, runBatch } from './woocommerce-sim-writes.ts';
import { DemoOrderBook, type DemoOrderBookOptions } from '../demo-order-book.ts';
import { demoSellables } from '../demo-sellables.ts';
import { listOrders, type WooSellable } from './woocommerce-sim-orders.ts';
import { WooSimWebhooks } from './woocommerce-sim-webhooks.ts';

const API_PREFIX = '/wp-json/wc/v3';
/** Apache's default LimitRequestLine: a longer request line is answered 414 before WordPress runs. */
const MAX_REQUEST_LINE = 8_190;
const EDIT_METHODS = new Set(['PUT', 'PATCH', 'POST']);

type Route =
  | { readonly name: 'products' }
  | { readonly name: 'orders' }
  | { readonly name: 'webhooks' }
  | { readonly name: 'productsBatch' }
  | { readonly name: 'product'; readonly productId: number }
  | { readonly name: 'variations'; readonly productId: number }
  | { readonly name: 'variationsBatch'; readonly productId: number }
  | { readonly name: 'variation'; readonly productId: number; readonly variationId: number };

/** The WooCommerce REST API v3 product routes the gateway uses, as strict as a real site. */
export class WooCommerceSimulatorHandler implements SimulatorHandler {
  readonly catalog: SimCatalog;
  /** The demo order history `GET /orders` serves. */
  orders: DemoOrderBook<WooSellable> | null = null;
  now: () => number = Date.now;
  private readonly keys: readonly WooKeyPair[];
  private origin = 'http://127.0.0.1';
  /** Webhooks registered with POST /webhooks; stock changes are delivered as product.updated. */
  readonly webhooks = new WooSimWebhooks(() => this.origin, () => this.now());

  constructor(catalog: SimCatalog, keys: readonly WooKeyPair[]) {
    this.catalog = catalog;
    this.keys = keys;
  }

  setOrigin(origin: string): void {
    this.origin = origin;
  }

  describe(request: SimRequest): string {
    const route = matchRoute(request.path);
    const label = route ? ROUTE_LABELS[route.name] : request.path.startsWith(API_PREFIX) ? '(no route)' : request.path;
    return `${request.method} ${label}`;
  }

  faultResponse(kind: 'error' | 'throttle'): SimResponse {
    return kind === 'error' ? criticalError() : throttled(2);
  }

  handle(request: SimRequest): SimResponse {
    const tooLong = requestLineTooLong(request);
    if (tooLong) return tooLong;
    const auth = authenticate(request, this.keys);
    if (auth.kind === 'rejected') return auth.response;
    const route = matchRoute(request.path);
    const reading = request.method === 'GET';
    const editing = EDIT_METHODS.has(request.method);
    const creatingHook = route?.name === 'webhooks' && request.method === 'POST';
    if (!route || (route.name.endsWith('Batch') ? !editing : !reading && !creatingHook && !(editing && (route.name === 'product' || route.name === 'variation')))) {
      return noRoute();
    }
    if (auth.kind === 'anonymous') return denied(route, reading);
    const ctx: PayloadContext = { origin: this.origin };
    const now = new Date().toISOString();
    switch (route.name) {
      case 'products':
        return listProducts(request, this.catalog, ctx);
      case 'orders':
        return this.orders ? listOrders(request, this.orders, this.now()) : noRoute();
      case 'webhooks':
        if (!auth.canWrite && creatingHook) return PermissionDenied.create();
        return creatingHook ? this.webhooks.create(request.body) : this.webhooks.list();
      case 'productsBatch':
        return runBatch(request.body, (id) => this.catalog.products.get(id), (item) => productPayload(item as SimProduct, ctx), 'woocommerce_rest_product_invalid_id', now, (item) => this.stockChanged(item, ctx));
      case 'product':
        return this.product(request, route.productId, ctx, now);
      case 'variations': {
        const parent = this.catalog.products.get(route.productId);
        return parent ? listVariations(request, parent, this.catalog, ctx) : invalidProductId();
      }
      case 'variationsBatch': {
        if (!this.catalog.products.has(route.productId)) return invalidProductId();
        const find = (id: number) => this.variationOf(route.productId, id);
        return runBatch(request.body, find, (item) => variationPayload(item as SimVariation, ctx), 'woocommerce_rest_product_variation_invalid_id', now, (item) => this.stockChanged(item, ctx));
      }
      case 'variation':
        return this.variation(request, route.productId, route.variationId, ctx, now);
    }
  }

  private product(request: SimRequest, productId: number, ctx: PayloadContext, now: string): SimResponse {
    const product = this.catalog.products.get(productId);
    const variation = this.catalog.variations.get(productId);
    if (!product && !variation) return invalidProductId();
    if (request.method !== 'GET') {
      const result = applyUpdate((product ?? variation) as SimProduct | SimVariation, request.body ?? {}, now);
      if (!result.ok) return invalidParams(result.problems);
      this.stockChanged((product ?? variation) as SimProduct | SimVariation, ctx);
    }
    // wc_get_product() also loads a variation by id; it is then rendered with the product schema.
    return { status: 200, body: product ? productPayload(product, ctx) : variationAsProductPayload(variation as SimVariation, this.catalog, ctx) };
  }

  private variation(request: SimRequest, productId: number, variationId: number, ctx: PayloadContext, now: string): SimResponse {
    const variation = this.variationOf(productId, variationId);
    if (!variation) return invalidVariationId();
    if (request.method !== 'GET') {
      const result = applyUpdate(variation, request.body ?? {}, now);
      if (!result.ok) return invalidParams(result.problems);
      this.stockChanged(variation, ctx);
    }
    return { status: 200, body: variationPayload(variation, ctx) };
  }

  /** product.updated for an item just written (WooCommerce fires it on every save, stock or not). */
  private stockChanged(item: SimProduct | SimVariation, ctx: PayloadContext): void {
    const body = 'parentId' in item ? variationAsProductPayload(item, this.catalog, ctx) : productPayload(item, ctx);
    this.webhooks.productUpdated(body);
  }

  /** A demo sale: one unit of a product or variation that manages its own stock. */
  sellOne(pick: (count: number) => number): void {
    const items: Array<SimProduct | SimVariation> = [...this.catalog.products.values(), ...this.catalog.variations.values()];
    for (let tries = 0; tries < 20; tries++) {
      const item = items[pick(items.length)];
      if (!item?.manageStock || item.stockQuantity === null || item.stockQuantity <= 0) continue;
      item.stockQuantity -= 1;
      item.dateModifiedGmt = new Date(this.now()).toISOString().slice(0, 19);
      this.stockChanged(item, { origin: this.origin });
      return;
    }
  }

  private variationOf(productId: number, variationId: number): SimVariation | undefined {
    const variation = this.catalog.variations.get(variationId);
    return variation?.parentId === productId ? variation : undefined;
  }
}

const ROUTE_LABELS: Record<Route['name'], string> = {
  products: '/products',
  orders: '/orders',
  webhooks: '/webhooks',
  productsBatch: '/products/batch',
  product: '/products/{id}',
  variations: '/products/{id}/variations',
  variationsBatch: '/products/{id}/variations/batch',
  variation: '/products/{id}/variations/{id}',
};

function matchRoute(path: string): Route | null {
  if (!path.startsWith(`${API_PREFIX}/`)) return null;
  const rest = path.slice(API_PREFIX.length).replace(/\/+$/, '');
  if (rest === '/products') return { name: 'products' };
  if (rest === '/orders') return { name: 'orders' };
  if (rest === '/webhooks') return { name: 'webhooks' };
  if (rest === '/products/batch') return { name: 'productsBatch' };
  let match = /^\/products\/(\d+)$/.exec(rest);
  if (match) return { name: 'product', productId: Number(match[1]) };
  match = /^\/products\/(\d+)\/variations$/.exec(rest);
  if (match) return { name: 'variations', productId: Number(match[1]) };
  match = /^\/products\/(\d+)\/variations\/batch$/.exec(rest);
  if (match) return { name: 'variationsBatch', productId: Number(match[1]) };
  match = /^\/products\/(\d+)\/variations\/(\d+)$/.exec(rest);
  if (match) return { name: 'variation', productId: Number(match[1]), variationId: Number(match[2]) };
  return null;
}

function denied(route: Route, reading: boolean): SimResponse {
  if (route.name.endsWith('Batch')) return PermissionDenied.batch();
  if (!reading) return PermissionDenied.edit();
  return route.name === 'products' || route.name === 'variations' ? PermissionDenied.list() : PermissionDenied.view();
}

export interface WooCommerceSimulatorOptions {
  readonly faults?: FaultSettings;
  /** Seed of the demo catalog (default 7). */
  readonly seed?: number;
  readonly productCount?: number;
  readonly port?: number;
  /** The demo order history (`GET /orders`) and its clock. */
  readonly orders?: Omit<DemoOrderBookOptions, 'now'>;
  readonly now?: () => number;
}

export interface WooCommerceSimulator {
  readonly server: SimulatorServer;
  /** Site root to put in a vendor's `baseUrl`; the API lives at `${url}/wp-json/wc/v3`. */
  readonly url: string;
  /** A Read/Write key pair. */
  readonly consumerKey: string;
  readonly consumerSecret: string;
  readonly credentials: { readonly consumerKey: string; readonly consumerSecret: string };
  /** A Read-only key pair (writes answer 401 `woocommerce_rest_authentication_error`). */
  readonly readOnlyCredentials: { readonly consumerKey: string; readonly consumerSecret: string };
  /** The live store: tests read and seed stock here. */
  readonly catalog: SimCatalog;
  /** The order history `GET /orders` serves (and the truth tests compare against). */
  readonly orders: DemoOrderBook<WooSellable>;
  /** Registered webhooks and their deliveries. */
  readonly webhooks: WooSimWebhooks;
  /** A demo sale (see WooCommerceSimulatorHandler.sellOne). */
  sellOne(pick: (count: number) => number): void;
  close(): Promise<void>;
}

export async function startWooCommerceSimulator(options: WooCommerceSimulatorOptions = {}): Promise<WooCommerceSimulator> {
  const catalog = buildWooCatalog({ seed: options.seed, productCount: options.productCount });
  const credentials = { consumerKey: 'ck_4f1e7c2a9b3d5e6f8a0b1c2d3e4f5a6b7c8d9e0f', consumerSecret: 'cs_9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d' };
  const readOnlyCredentials = { consumerKey: 'ck_readonly0000000000000000000000000000000', consumerSecret: 'cs_readonly0000000000000000000000000000000' };
  const handler = new WooCommerceSimulatorHandler(catalog, [
    { ...credentials, permissions: 'read_write' },
    { ...readOnlyCredentials, permissions: 'read' },
  ]);
  handler.now = options.now ?? Date.now;
  const sellables = demoSellables<WooSellable>(
    [...[...catalog.products.values()].map((item): WooSellable => ({ kind: 'product', item })), ...[...catalog.variations.values()].map((item): WooSellable => ({ kind: 'variation', item }))],
    (row) => row.item.sku || null,
    (row) => row.item.regularPrice,
  );
  const orders = new DemoOrderBook(sellables, { seed: 202, scale: 0.3, ...options.orders, now: handler.now });
  handler.orders = orders;
  const server = new SimulatorServer(handler, options.faults ?? {});
  const url = await server.listen(options.port ?? 0);
  handler.setOrigin(url);
  return {
    server,
    url,
    ...credentials,
    credentials,
    readOnlyCredentials,
    catalog,
    orders,
    webhooks: handler.webhooks,
    sellOne: (pick) => handler.sellOne(pick),
    close: async () => {
      await server.close();
      await handler.webhooks.sender.idle();
    },
  };
}

/** Apache's own 414 page: WooCommerce never sees a request line over LimitRequestLine. */
function requestLineTooLong(request: SimRequest): SimResponse | null {
  const search = request.query.toString();
  const line = `${request.method} ${request.path}${search ? `?${search}` : ''} HTTP/1.1`;
  if (Buffer.byteLength(line) <= MAX_REQUEST_LINE) return null;
  return {
    status: 414,
    headers: { 'content-type': 'text/html; charset=iso-8859-1' },
    body: '<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>414 Request-URI Too Long</title>\n</head><body>\n<h1>Request-URI Too Long</h1>\n<p>The requested URL\'s length exceeds the capacity\nlimit for this server.<br />\n</p>\n</body></html>\n',
  };
}
