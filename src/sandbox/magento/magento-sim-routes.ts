import { randomBytes } from 'node:crypto';
import { FaultKind } from '../fault-injection.ts';
import type { SimRequest, SimResponse, SimulatorHandler } from '../simulator-server.ts';
import type { MagentoTokenStore } from './magento-sim-auth.ts';
import { DEFAULT_SOURCE_CODE, type MagentoSimCatalog, type SimProduct, type SimSourceItem } from './magento-sim-catalog.ts';
import { fail, MagentoFault, magentoError, MagentoMessages } from './magento-sim-errors.ts';
import { productPayload, sourceItemPayload, sourcePayload, stockItemPayload } from './magento-sim-payloads.ts';
import { parseSearchCriteria, runSearch, type InputLimits, type OutOfRangePages } from './magento-sim-search.ts';
import type { DemoOrderBook } from '../demo-order-book.ts';
import { searchOrders } from './magento-sim-orders.ts';

export interface MagentoRouteSettings {
  readonly msi: boolean;
  readonly inputLimits: InputLimits;
  readonly outOfRangePages: OutOfRangePages;
  /** Store codes accepted in /rest/<storeCode>/V1 (plus the code-less /rest/V1). */
  readonly storeCodes: readonly string[];
  /** The demo order history `GET /V1/orders` serves. */
  readonly orders?: DemoOrderBook<SimProduct>;
}

interface Route {
  /** Bounded label for the request log. */
  readonly name: string;
  /** ACL resource named in the 401 body; null for anonymous routes. */
  readonly resource: string | null;
  readonly msiOnly: boolean;
  readonly run: (request: SimRequest, params: string[]) => SimResponse;
}

const PRODUCT_FIELDS: Record<string, (p: SimProduct) => unknown> = {
  entity_id: (p) => p.id,
  sku: (p) => p.sku,
  name: (p) => p.name,
  type_id: (p) => p.typeId,
  status: (p) => p.status,
  visibility: (p) => p.visibility,
  price: (p) => p.price,
  attribute_set_id: (p) => (p.typeId === 'virtual' ? 4 : 9),
  created_at: (p) => p.createdAt,
  updated_at: (p) => p.updatedAt,
  cost: (p) => p.cost,
  ean: (p) => p.ean,
};
const SOURCE_ITEM_FIELDS = new Set(['sku', 'source_code', 'quantity', 'status']);
const SOURCE_FIELDS = new Set(['source_code', 'name', 'enabled', 'country_id', 'postcode']);
const SOURCE_ITEM_TYPE = '\\Magento\\InventoryApi\\Api\\Data\\SourceItemInterface';

/**
 * Magento's REST front controller for the routes the gateway uses: route match first
 * (unknown → 404 "Request does not match any route."), then the bearer token (→ 401 naming the
 * route's ACL resource), then input validation (→ 400 with `{message, parameters}`).
 */
export class MagentoRoutes implements SimulatorHandler {
  private readonly catalog: MagentoSimCatalog;
  private readonly tokens: MagentoTokenStore;
  private readonly settings: MagentoRouteSettings;
  private readonly routes: ReadonlyArray<readonly [string, RegExp, Route]>;

  constructor(catalog: MagentoSimCatalog, tokens: MagentoTokenStore, settings: MagentoRouteSettings) {
    this.catalog = catalog;
    this.tokens = tokens;
    this.settings = settings;
    this.routes = [
      ['POST', /^integration\/admin\/token$/, { name: 'POST /V1/integration/admin/token', resource: null, msiOnly: false, run: (r) => this.adminToken(r) }],
      ['GET', /^products$/, { name: 'GET /V1/products', resource: 'Magento_Catalog::products', msiOnly: false, run: (r) => this.searchProducts(r) }],
      ['GET', /^products\/([^/]+)$/, { name: 'GET /V1/products/{sku}', resource: 'Magento_Catalog::products', msiOnly: false, run: (_r, p) => this.getProduct(p[0] ?? '') }],
      ['GET', /^inventory\/source-items$/, { name: 'GET /V1/inventory/source-items', resource: 'Magento_InventoryApi::source', msiOnly: true, run: (r) => this.searchSourceItems(r) }],
      ['POST', /^inventory\/source-items$/, { name: 'POST /V1/inventory/source-items', resource: 'Magento_InventoryApi::source_item_save', msiOnly: true, run: (r) => this.saveSourceItems(r) }],
      ['GET', /^inventory\/sources$/, { name: 'GET /V1/inventory/sources', resource: 'Magento_InventoryApi::source', msiOnly: true, run: (r) => this.searchSources(r) }],
      ['GET', /^orders$/, { name: 'GET /V1/orders', resource: 'Magento_Sales::actions_view', msiOnly: false, run: (r) => (this.settings.orders ? searchOrders(r, this.settings.orders, this.settings.inputLimits, this.settings.outOfRangePages) : magentoError(404, MagentoMessages.NO_ROUTE)) }],
      ['GET', /^stockItems\/([^/]+)$/, { name: 'GET /V1/stockItems/{sku}', resource: 'Magento_CatalogInventory::cataloginventory', msiOnly: false, run: (_r, p) => this.getStockItem(p[0] ?? '') }],
      ['PUT', /^products\/([^/]+)\/stockItems\/([^/]+)$/, { name: 'PUT /V1/products/{sku}/stockItems/{itemId}', resource: 'Magento_CatalogInventory::cataloginventory', msiOnly: false, run: (r, p) => this.putStockItem(r, p[0] ?? '', p[1] ?? '') }],
    ];
  }

  handle(request: SimRequest): SimResponse {
    try {
      const match = this.match(request);
      if (!match) return magentoError(404, MagentoMessages.NO_ROUTE);
      const [route, params] = match;
      if (route.resource !== null && !this.tokens.isValid(headerText(request.headers.authorization))) {
        return magentoError(401, MagentoMessages.UNAUTHORIZED, { resources: route.resource });
      }
      return route.run(request, params);
    } catch (error) {
      if (error instanceof MagentoFault) return error.response;
      throw error;
    }
  }

  faultResponse(kind: typeof FaultKind.ERROR | typeof FaultKind.THROTTLE): SimResponse {
    if (kind === FaultKind.THROTTLE) {
      // Magento itself has no request-rate limit by default; a 429 comes from the edge in front of it (Fastly on Adobe Commerce Cloud, a WAF).
      return { status: 429, headers: { 'retry-after': '1' }, body: { message: 'Too Many Requests' } };
    }
    // The masked production error (Magento\Framework\Webapi\ErrorProcessor, Report ID "webapi-" + uniqid()).
    return magentoError(500, `Internal Error. Details are available in Magento log file. Report ID: webapi-${randomBytes(7).toString('hex').slice(0, 13)}`);
  }

  describe(request: SimRequest): string {
    return this.match(request)?.[0].name ?? `${request.method} (no route)`;
  }

  private match(request: SimRequest): [Route, string[]] | null {
    const prefix = /^\/rest\/(?:([a-z0-9_]+)\/)?V1\/(.+)$/.exec(request.path);
    if (!prefix) return null;
    const store = prefix[1];
    if (store !== undefined && !this.settings.storeCodes.includes(store)) return null;
    for (const [method, pattern, route] of this.routes) {
      if (method !== request.method) continue;
      const found = pattern.exec(prefix[2] ?? '');
      if (!found) continue;
      if (route.msiOnly && !this.settings.msi) return null;
      return [route, found.slice(1).map((part) => decodeURIComponent(part))];
    }
    return null;
  }

  private adminToken(request: SimRequest): SimResponse {
    const body = asRecord(request.body);
    if (typeof body.username !== 'string' || body.username === '') fail(400, MagentoMessages.REQUIRED_FIELD, { fieldName: 'username' });
    if (typeof body.password !== 'string' || body.password === '') fail(400, MagentoMessages.REQUIRED_FIELD, { fieldName: 'password' });
    const token = this.tokens.issueAdminToken(body.username, body.password);
    if (token === null) return magentoError(401, MagentoMessages.SIGN_IN_FAILED);
    return { status: 200, body: JSON.stringify(token) };
  }

  private searchProducts(request: SimRequest): SimResponse {
    const criteria = parseSearchCriteria(request.query);
    if (!criteria.present) fail(400, MagentoMessages.REQUIRED_FIELD, { fieldName: 'searchCriteria' });
    for (const field of criteriaFields(criteria)) if (!(field in PRODUCT_FIELDS)) fail(400, 'Invalid attribute name: %1', [field]);
    const page = runSearch(this.catalog.products, criteria, (p, field) => PRODUCT_FIELDS[field]?.(p), this.settings.inputLimits, this.settings.outOfRangePages);
    return { status: 200, body: { items: page.items.map(productPayload), search_criteria: page.echo, total_count: page.totalCount } };
  }

  private getProduct(sku: string): SimResponse {
    const product = this.catalog.findBySku(sku) ?? fail(404, MagentoMessages.PRODUCT_NOT_FOUND);
    return { status: 200, body: productPayload(product) };
  }

  private searchSourceItems(request: SimRequest): SimResponse {
    const criteria = parseSearchCriteria(request.query);
    if (!criteria.present) fail(400, MagentoMessages.REQUIRED_FIELD, { fieldName: 'searchCriteria' });
    for (const field of criteriaFields(criteria)) if (!SOURCE_ITEM_FIELDS.has(field)) fail(400, 'Invalid attribute name: %1', [field]);
    const items = [...this.catalog.sourceItems.values()];
    const page = runSearch(items, criteria, (item, field) => (field === 'entity_id' ? undefined : item[field as keyof SimSourceItem]), this.settings.inputLimits, this.settings.outOfRangePages);
    return { status: 200, body: { items: page.items.map(sourceItemPayload), search_criteria: page.echo, total_count: page.totalCount } };
  }

  private searchSources(request: SimRequest): SimResponse {
    // SourceRepositoryInterface::getList takes an optional searchCriteria.
    const criteria = parseSearchCriteria(request.query);
    for (const field of criteriaFields(criteria)) if (!SOURCE_FIELDS.has(field)) fail(400, 'Invalid attribute name: %1', [field]);
    const page = runSearch(this.catalog.sources, criteria, (s, field) => (field === 'entity_id' ? s.source_code : s[field as keyof typeof s]), this.settings.inputLimits, this.settings.outOfRangePages);
    return { status: 200, body: { items: page.items.map(sourcePayload), search_criteria: page.echo, total_count: page.totalCount } };
  }

  /** MSI SourceItemsSaveInterface: validates every item, then saves all or nothing; answers `[]`. */
  private saveSourceItems(request: SimRequest): SimResponse {
    const items = asRecord(request.body).sourceItems;
    if (!Array.isArray(items)) return fail(400, MagentoMessages.REQUIRED_FIELD, { fieldName: 'sourceItems' });
    const limits = this.settings.inputLimits;
    if (limits.enabled && items.length > limits.inputListLimit) fail(400, MagentoMessages.MAX_ITEMS, { type: SOURCE_ITEM_TYPE, max: limits.inputListLimit });
    if (items.length === 0) fail(400, 'Input data is empty');
    const errors: Array<{ message: string; parameters: Record<string, unknown> }> = [];
    const valid: SimSourceItem[] = [];
    for (const raw of items) {
      const item = asRecord(raw);
      const problem = this.sourceItemProblem(item);
      if (problem) errors.push(problem);
      else valid.push({ sku: String(item.sku), source_code: String(item.source_code), quantity: Number(item.quantity), status: item.status === 1 ? 1 : 0 });
    }
    if (errors.length > 0) return { status: 400, body: { message: 'Validation Failed', errors } };
    for (const item of valid) this.catalog.saveSourceItem(item);
    return { status: 200, body: [] };
  }

  private sourceItemProblem(item: Record<string, unknown>): { message: string; parameters: Record<string, unknown> } | null {
    for (const field of ['sku', 'source_code']) {
      if (typeof item[field] !== 'string' || item[field] === '') return { message: '"%field" can not be empty.', parameters: { field } };
    }
    if (typeof item.quantity !== 'number' || !Number.isFinite(item.quantity)) return { message: '"%field" should be numeric.', parameters: { field: 'quantity' } };
    if (item.status !== 0 && item.status !== 1) return { message: '"%field" should be a valid status.', parameters: { field: 'status' } };
    if (!this.catalog.sources.some((s) => s.source_code === item.source_code)) return { message: 'Source with code "%code" does not exist.', parameters: { code: item.source_code } };
    if (!this.catalog.findBySku(String(item.sku))) return { message: 'Product with SKU "%sku" does not exist.', parameters: { sku: item.sku } };
    return null;
  }

  private getStockItem(sku: string): SimResponse {
    const product = this.catalog.findBySku(sku) ?? fail(404, MagentoMessages.PRODUCT_NOT_FOUND);
    return { status: 200, body: stockItemPayload(product) };
  }

  /** Legacy StockRegistryInterface::updateStockItemBySku; answers the item id. */
  private putStockItem(request: SimRequest, sku: string, itemId: string): SimResponse {
    const product = this.catalog.findBySku(sku) ?? fail(404, MagentoMessages.PRODUCT_NOT_FOUND);
    if (!/^\d+$/.test(itemId)) fail(400, MagentoMessages.INVALID_TYPE, { value: itemId, type: 'int' });
    const stockItem = asRecord(request.body).stockItem;
    if (typeof stockItem !== 'object' || stockItem === null) return fail(400, MagentoMessages.REQUIRED_FIELD, { fieldName: 'stockItem' });
    const qty = (stockItem as Record<string, unknown>).qty;
    if (qty !== undefined) {
      const value = typeof qty === 'string' ? Number(qty) : qty;
      if (typeof value !== 'number' || !Number.isFinite(value)) fail(400, MagentoMessages.INVALID_TYPE, { value: String(qty), type: 'float' });
      product.legacyQty = value as number;
      if (this.settings.msi) {
        const quantity = value as number;
        this.catalog.saveSourceItem({ sku: product.sku, source_code: DEFAULT_SOURCE_CODE, quantity, status: quantity > 0 ? 1 : 0 });
      }
    }
    return { status: 200, body: product.id };
  }
}

function criteriaFields(criteria: ReturnType<typeof parseSearchCriteria>): string[] {
  return [...criteria.filterGroups.flat().map((f) => f.field), ...criteria.sortOrders.map((o) => o.field)];
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function headerText(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
