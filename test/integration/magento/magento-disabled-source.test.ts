import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeGlobalId } from '../../../src/model/global-id.ts';
import { postGraphQL } from '../../support/graphql-client.ts';
import { startGatewayWithSources, type TestGateway } from '../../support/start-test-gateway.ts';
import { startMagentoKit, type MagentoKit } from './magento-test-kit.ts';

/**
 * A disabled MSI source (`enabled: false` on GET /V1/inventory/sources, as in Adobe's
 * manage-sources example, test/fixtures/magento/inventory.sources.search.response.json) sells
 * nothing: its source items are not a stock level and never count in totalAvailable (#21.1).
 */
let rig: MagentoKit;
let gateway: TestGateway;
const DISABLED = 'warehouse-east';

beforeAll(async () => {
  rig = await startMagentoKit({ sim: { disabledSources: [DISABLED] } });
  gateway = await startGatewayWithSources([rig.source]);
});
afterAll(async () => {
  await gateway?.close();
  await rig?.close();
});

const QUERY = `query($skus: [String!]!) { productsBySku(skus: $skus) { sku totalAvailable inventoryLevels { locationId available } } }`;
interface Answer { productsBySku: Array<{ sku: string; totalAvailable: number; inventoryLevels: Array<{ locationId: string; available: number }> }> }

describe('Magento MSI with a disabled source', () => {
  it('answers the source with enabled: false, shaped like Adobe\'s example', async () => {
    const response = await fetch(`${rig.sim.url}/rest/default/V1/inventory/sources?searchCriteria[pageSize]=10`, { headers: { authorization: `Bearer ${rig.sim.integrationToken}` } });
    const body = (await response.json()) as { items: Array<{ source_code: string; enabled: boolean }> };
    expect(body.items.find((source) => source.source_code === DISABLED)?.enabled).toBe(false);
  });

  it('leaves the disabled source\'s stock out of the levels and of totalAvailable', async () => {
    const items = [...rig.sim.catalog.sourceItems.values()];
    const sku = items.find((item) => item.source_code === DISABLED && item.quantity > 0 && items.some((other) => other.sku === item.sku && other.source_code !== DISABLED))!.sku;
    const enabled = items.filter((item) => item.sku === sku && item.source_code !== DISABLED);
    const response = await postGraphQL<Answer>(gateway.url, QUERY, { skus: [sku] });
    expect(response.errors).toBeUndefined();
    const [product] = response.data!.productsBySku;
    expect(product!.inventoryLevels.map((level) => decodeGlobalId(level.locationId).nativeId).sort()).toEqual(enabled.map((item) => item.source_code).sort());
    expect(product!.totalAvailable).toBe(enabled.reduce((sum, item) => sum + item.quantity, 0));
  });

  it('lists the disabled source among Vendor.locations as inactive, from one GET /V1/inventory/sources', async () => {
    rig.sim.server.clearLog();
    const response = await postGraphQL<{ vendors: Array<{ locations: Array<{ nativeId: string; name: string; active: boolean }> }> }>(gateway.url, '{ vendors { locations { nativeId name active } } }');
    expect(response.errors).toBeUndefined();
    const locations = response.data!.vendors[0]!.locations;
    expect(locations.map((location) => location.nativeId).sort()).toEqual(rig.sim.catalog.sources.map((source) => source.source_code).sort());
    expect(locations.filter((location) => !location.active).map((location) => location.nativeId)).toEqual([DISABLED]);
    expect(rig.sim.server.requestLog.filter((entry) => entry.operation.includes('sources')).length).toBeLessThanOrEqual(1);
  });
});
