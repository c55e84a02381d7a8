import type { UpstreamCallContext } from '../vendor-source.ts';
import type { MagentoClient } from './magento-client.ts';
import { CONFIGURABLE_TYPE_ID } from './magento-mapper.ts';
import { magentoProductSchema } from './magento-schemas.ts';
import { ConditionType, filter } from './magento-search-criteria.ts';
import { MagentoEndpoint } from './magento-endpoints.ts';
import { searchAll } from './magento-paging.ts';

/**
 * Child product ID → configurable parent ID. A Magento child carries no link to its parent in
 * REST; only the parent lists `extension_attributes.configurable_product_links`. The index is
 * built from every configurable product (a few requests per store) and kept for `ttlMs`:
 * re-parenting is rare, and catalog-wide data is not per-caller state. Single-flight.
 */
export class MagentoParentIndex {
  private readonly client: MagentoClient;
  private readonly pageSize: number;
  private readonly ttlMs: number;
  private readonly clock: () => number;
  private cached: { parents: ReadonlyMap<number, number>; expiresAt: number } | null = null;
  private inFlight: Promise<ReadonlyMap<number, number>> | null = null;

  constructor(client: MagentoClient, options: { pageSize: number; ttlMs: number; clock: () => number }) {
    this.client = client;
    this.pageSize = options.pageSize;
    this.ttlMs = options.ttlMs;
    this.clock = options.clock;
  }

  async parents(ctx: UpstreamCallContext): Promise<ReadonlyMap<number, number>> {
    if (this.cached && this.clock() < this.cached.expiresAt) return this.cached.parents;
    this.inFlight ??= this.load(ctx).finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  private async load(ctx: UpstreamCallContext): Promise<ReadonlyMap<number, number>> {
    const items = await searchAll(
      this.client,
      ctx,
      MagentoEndpoint.PRODUCTS.path,
      { filterGroups: [[filter('type_id', ConditionType.EQ, CONFIGURABLE_TYPE_ID)]], sortOrders: [{ field: 'entity_id', direction: 'ASC' }] },
      this.pageSize,
      'products.configurableParents',
    );
    const parents = new Map<number, number>();
    for (const item of items) {
      const parsed = magentoProductSchema.safeParse(item);
      if (!parsed.success) continue; // a malformed parent only loses its grouping
      for (const childId of parsed.data.extension_attributes?.configurable_product_links ?? []) parents.set(childId, parsed.data.id);
    }
    this.cached = { parents, expiresAt: this.clock() + this.ttlMs };
    return parents;
  }
}
