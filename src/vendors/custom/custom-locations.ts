import { readJsonPath } from '../../config/vendors/custom/json-path.ts';
import type { CustomMapping } from '../../config/vendors/custom/custom-config.ts';
import { stockLocation } from '../../model/global-id.ts';
import type { StockLocation } from '../../model/standard-model.ts';
import type { UpstreamCallContext } from '../vendor-source.ts';
import { shapeError, type CustomClient } from './custom-client.ts';

/**
 * A custom vendor's locations as its mapping describes them: the `locations` endpoint (one GET),
 * or the one fixed location of a `fields.inventory` of kind `quantity` (no request). Null when the
 * mapping says neither: the source then has no `locations`.
 */
export function customLocationsReader(vendorId: string, client: CustomClient, mapping: CustomMapping): ((ctx: UpstreamCallContext) => Promise<StockLocation[]>) | null {
  const endpoint = mapping.locations;
  if (endpoint) {
    return async (ctx) => {
      const response = await client.get(ctx, endpoint.path, new URLSearchParams(), `GET ${endpoint.path}`);
      const items = readJsonPath(response.body, endpoint.itemsPath);
      if (!Array.isArray(items)) throw shapeError(vendorId, `the locations list: ${endpoint.itemsPath} is not a list`);
      return items.map((item) => {
        const id = readJsonPath(item, endpoint.fields.id);
        const name = readJsonPath(item, endpoint.fields.name);
        const active = endpoint.fields.active === undefined ? true : readJsonPath(item, endpoint.fields.active);
        if ((typeof id !== 'string' && typeof id !== 'number') || String(id) === '' || typeof name !== 'string' || typeof active !== 'boolean') {
          throw shapeError(vendorId, `a location does not match mapping.locations.fields (id "${endpoint.fields.id}", name "${endpoint.fields.name}"${endpoint.fields.active ? `, active "${endpoint.fields.active}" (a boolean)` : ''})`);
        }
        return stockLocation(vendorId, String(id), name, active);
      });
    };
  }
  const inventory = mapping.fields.inventory;
  if (inventory?.kind === 'quantity') {
    const fixed = [stockLocation(vendorId, inventory.locationId, inventory.locationName, true)];
    return () => Promise.resolve(fixed);
  }
  return null;
}
