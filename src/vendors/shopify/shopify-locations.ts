import { stockLocation } from '../../model/global-id.ts';
import type { StockLocation } from '../../model/standard-model.ts';
import type { UpstreamCallContext } from '../vendor-source.ts';
import type { ShopifyClient, ShopifyOperation } from './shopify-client.ts';
import { LOCATIONS_PAGE_SIZE, locationsPageCost } from './shopify-cost-plan.ts';
import { LOCATIONS_PAGE } from './shopify-documents.ts';
import { locationsPageDataSchema, type ShopifyLocationsPage } from './shopify-schemas.ts';

const op = { name: 'LocationsPage', document: LOCATIONS_PAGE, data: locationsPageDataSchema } satisfies ShopifyOperation<unknown>;

/**
 * Every location of the shop through the `locations` connection, deactivated ones included (a
 * level may still name one): 250 per query (2 + 250 cost points), so one request for nearly
 * every shop. Not cached here: the request loaders keep the answer in the read cache.
 */
export async function readShopifyLocations(vendorId: string, client: ShopifyClient, ctx: UpstreamCallContext): Promise<StockLocation[]> {
  const locations: StockLocation[] = [];
  let after: string | null = null;
  for (;;) {
    const data: ShopifyLocationsPage = await client.execute(ctx, op, { first: LOCATIONS_PAGE_SIZE, after }, { cost: locationsPageCost(LOCATIONS_PAGE_SIZE) });
    for (const node of data.locations.nodes) locations.push(stockLocation(vendorId, node.id, node.name, node.isActive));
    // `endCursor` is nullable in the schema: without it the next page cannot be asked for.
    if (!data.locations.pageInfo.hasNextPage || !data.locations.pageInfo.endCursor) return locations;
    after = data.locations.pageInfo.endCursor;
  }
}
