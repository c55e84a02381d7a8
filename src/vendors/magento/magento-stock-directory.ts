import { UpstreamError } from '../../errors/gateway-error.ts';
import type { UpstreamCallContext } from '../vendor-source.ts';
import type { MagentoClient } from './magento-client.ts';
import { MagentoEndpoint } from './magento-endpoints.ts';
import { LEGACY_LOCATION } from './magento-mapper.ts';
import { searchAll } from './magento-paging.ts';
import { magentoSourceSchema } from './magento-schemas.ts';

export type MagentoStockMode = 'msi' | 'legacy';

export interface MagentoStockLayout {
  readonly mode: MagentoStockMode;
  /** Source code → display name of every ENABLED source (MSI), or the one legacy stock. */
  readonly sourceNames: ReadonlyMap<string, string>;
  /**
   * Sources with `enabled: false`: a disabled source sells nothing, so its source items are no
   * stock level of ours (never listed, never summed into totalAvailable, never written).
   */
  readonly disabledSources: ReadonlySet<string>;
  /** Every source in the store's order, disabled ones too (Vendor.locations). */
  readonly sources: ReadonlyArray<{ readonly code: string; readonly name: string; readonly enabled: boolean }>;
}

/**
 * Which inventory model the store runs and what its sources are called, from one
 * GET /V1/inventory/sources (cached for `ttlMs`, single-flight). With MSI modules disabled the
 * route does not exist: Magento answers 404 "Request does not match any route.", which in
 * "auto" mode means legacy single-source stock.
 */
export class MagentoStockDirectory {
  private readonly client: MagentoClient;
  private readonly configured: 'auto' | MagentoStockMode;
  private readonly pageSize: number;
  private readonly ttlMs: number;
  private readonly clock: () => number;
  private cached: { layout: MagentoStockLayout; expiresAt: number } | null = null;
  private inFlight: Promise<MagentoStockLayout> | null = null;

  constructor(client: MagentoClient, options: { mode: 'auto' | MagentoStockMode; pageSize: number; ttlMs: number; clock: () => number }) {
    this.client = client;
    this.configured = options.mode;
    this.pageSize = options.pageSize;
    this.ttlMs = options.ttlMs;
    this.clock = options.clock;
  }

  async layout(ctx: UpstreamCallContext): Promise<MagentoStockLayout> {
    if (this.configured === 'legacy') return LEGACY_LAYOUT;
    if (this.cached && this.clock() < this.cached.expiresAt) return this.cached.layout;
    this.inFlight ??= this.load(ctx).finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  private async load(ctx: UpstreamCallContext): Promise<MagentoStockLayout> {
    let layout: MagentoStockLayout;
    try {
      const items = await searchAll(this.client, ctx, MagentoEndpoint.SOURCES.path, {}, this.pageSize, MagentoEndpoint.SOURCES.operation);
      const names = new Map<string, string>();
      const disabled = new Set<string>();
      const sources: Array<MagentoStockLayout['sources'][number]> = [];
      for (const item of items) {
        const source = magentoSourceSchema.safeParse(item);
        if (!source.success) continue;
        if (source.data.enabled === false) disabled.add(source.data.source_code);
        else names.set(source.data.source_code, source.data.name);
        sources.push({ code: source.data.source_code, name: source.data.name, enabled: source.data.enabled !== false });
      }
      layout = { mode: 'msi', sourceNames: names, disabledSources: disabled, sources };
    } catch (error) {
      if (this.configured === 'auto' && error instanceof UpstreamError && error.status === 404) layout = LEGACY_LAYOUT;
      else throw error;
    }
    this.cached = { layout, expiresAt: this.clock() + this.ttlMs };
    return layout;
  }
}

const LEGACY_LAYOUT: MagentoStockLayout = {
  mode: 'legacy',
  sourceNames: new Map([[LEGACY_LOCATION.code, LEGACY_LOCATION.name]]),
  disabledSources: new Set(),
  sources: [{ code: LEGACY_LOCATION.code, name: LEGACY_LOCATION.name, enabled: true }],
};
