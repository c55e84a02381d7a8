import type { FaultSettings } from '../fault-injection.ts';
import { SimulatorServer } from '../simulator-server.ts';
import { MagentoTokenStore } from './magento-sim-auth.ts';
import { MagentoSimCatalog } from './magento-sim-catalog.ts';
import { MagentoRoutes } from './magento-sim-routes.ts';
import { DEFAULT_INPUT_LIMITS, type InputLimits, type OutOfRangePages } from './magento-sim-search.ts';
import { DemoOrderBook, type DemoOrderBookOptions } from '../demo-order-book.ts';
import { demoSellables } from '../demo-sellables.ts';
import type { SimProduct } from './magento-sim-catalog.ts';

export interface MagentoSimulatorOptions {
  readonly faults?: FaultSettings;
  readonly seed?: number;
  /** Multi-Source Inventory enabled (default true). Off: /V1/inventory/* do not exist, stock is the legacy stock item. */
  readonly msi?: boolean;
  /** Source codes answered with `enabled: false` on GET /V1/inventory/sources (their source items stay, as in Magento). */
  readonly disabledSources?: readonly string[];
  /**
   * Web API input limits. Magento ships them disabled; the simulator turns them ON by default
   * (page size ≤ 300, default 20, ≤ 20 entities per synchronous list) so the gateway must page
   * and batch as a hardened store requires. `false` turns them off (then a search without
   * pageSize returns every match, as documented).
   */
  readonly inputLimits?: Partial<InputLimits> | false;
  /** Pages past the end: 'empty' (2.4.x) or 'last' (clamped, pre-2.4). Default 'empty'. */
  readonly outOfRangePages?: OutOfRangePages;
  /** Clock for admin token expiry (epoch ms). */
  readonly clock?: () => number;
  readonly storeCodes?: readonly string[];
  readonly port?: number;
  /** The demo order history (`GET /V1/orders`) and its clock. */
  readonly orders?: Omit<DemoOrderBookOptions, 'now'>;
  readonly now?: () => number;
}

export interface MagentoSimulator {
  readonly server: SimulatorServer;
  /** Store root URL (the gateway's `baseUrl`); the API is under /rest/<storeCode>/V1. */
  readonly url: string;
  readonly integrationToken: string;
  readonly adminUsername: string;
  readonly adminPassword: string;
  readonly credentials: { readonly accessToken: string; readonly username: string; readonly password: string };
  readonly catalog: MagentoSimCatalog;
  readonly tokens: MagentoTokenStore;
  /** The order history `GET /V1/orders` serves (and the truth tests compare against). */
  readonly orders: DemoOrderBook<SimProduct>;
  close(): Promise<void>;
}

export async function startMagentoSimulator(options: MagentoSimulatorOptions = {}): Promise<MagentoSimulator> {
  const catalog = new MagentoSimCatalog(options.seed ?? 42);
  catalog.sources.forEach((source, index) => {
    if (options.disabledSources?.includes(source.source_code)) catalog.sources[index] = { ...source, enabled: false };
  });
  const tokens = new MagentoTokenStore(options.clock ?? Date.now);
  const inputLimits: InputLimits = options.inputLimits === false ? { ...DEFAULT_INPUT_LIMITS, enabled: false } : { ...DEFAULT_INPUT_LIMITS, ...options.inputLimits };
  const sellables = demoSellables(catalog.products.filter((product) => product.typeId === 'simple'), (product) => product.sku, (product) => String(product.price ?? 0));
  const orders = new DemoOrderBook(sellables, { seed: 303, scale: 0.5, ...options.orders, now: options.now ?? Date.now });
  const routes = new MagentoRoutes(catalog, tokens, {
    orders,
    msi: options.msi ?? true,
    inputLimits,
    outOfRangePages: options.outOfRangePages ?? 'empty',
    storeCodes: options.storeCodes ?? ['default', 'all'],
  });
  const server = new SimulatorServer(routes, options.faults ?? {});
  const url = await server.listen(options.port ?? 0);
  return {
    server,
    url,
    integrationToken: tokens.integrationToken,
    adminUsername: tokens.adminUsername,
    adminPassword: tokens.adminPassword,
    credentials: { accessToken: tokens.integrationToken, username: tokens.adminUsername, password: tokens.adminPassword },
    catalog,
    tokens,
    orders,
    close: () => server.close(),
  };
}
