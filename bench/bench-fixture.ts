import { pino } from 'pino';
import type { GatewayConfig } from '../src/config/config-schema.ts';
import { deadlineOnlyPolicy } from '../src/resilience/upstream-policy.ts';
import { sharedDemoSkus } from '../src/sandbox/demo-catalog.ts';
import { createVendorSource } from '../src/vendors/vendor-registry.ts';
import type { VendorLimits } from '../src/vendors/vendor-source.ts';
import { queryData } from './graphql-post.ts';

/** What the scenarios are built from, discovered through the gateway itself before any load. */
export interface BenchFixture {
  /**
   * Vendors in config order (the listing order), with the limits their sources declare and the
   * number of distinct stock locations seen in their first page (what a Shopify page's cost depends on).
   */
  readonly vendors: ReadonlyArray<{ readonly id: string; readonly platform: string; readonly limits: VendorLimits; readonly locations: number }>;
  /** How many of the catalog page's products each vendor supplies, and their native IDs, by vendor id. */
  readonly catalogShare: Readonly<Record<string, readonly string[]>>;
  /** The first page (up to 100 native IDs) of each vendor listed alone, by vendor id. */
  readonly vendorPages: Readonly<Record<string, readonly string[]>>;
  /** 50 SKU codes: half shared by every demo vendor, half each vendor's own. */
  readonly lookupSkus: readonly string[];
  readonly hotProductId: string;
  /** Stock levels to write, interleaved across vendors so each window of 10 spans them all. */
  readonly writeTargets: ReadonlyArray<{ readonly vendorId: string; readonly productId: string; readonly nativeId: string; readonly locationId: string }>;
  /** The name of `setInventoryQuantities`' input type, or why the mutation cannot be run. */
  readonly setInventory: { readonly inputType: string } | { readonly unavailable: string };
}

export const CATALOG_PAGE_SIZE = 100;
export const LOOKUP_SKU_COUNT = 50;
export const CHANGES_PER_WRITE = 10;

interface DiscoveryData {
  products: { nodes: Array<{ id: string; nativeId: string; sku: string | null; vendorId: string; inventoryTracked: boolean; inventoryLevels: Array<{ locationId: string }> }> };
}

const DISCOVER = `query BenchDiscover($vendorId: ID, $first: Int!) {
  products(vendorId: $vendorId, first: $first) { nodes { id nativeId sku vendorId inventoryTracked inventoryLevels { locationId } } }
}`;

const MUTATION_ARGS = `query BenchMutations {
  __type(name: "Mutation") { fields { name args { name type { kind name ofType { kind name } } } } }
  input: __type(name: "SetInventoryQuantitiesInput") { inputFields { name } }
}`;

export async function discoverFixture(url: string, config: GatewayConfig): Promise<BenchFixture> {
  const sources = config.vendors.map((vendor) => {
    const source = createVendorSource(vendor, { policy: deadlineOnlyPolicy, logger: pino({ level: 'silent' }) });
    void source.close?.();
    return { id: vendor.id, platform: vendor.platform, limits: source.limits };
  });
  const catalog = await queryData<DiscoveryData>(url, DISCOVER, { first: CATALOG_PAGE_SIZE });
  const catalogShare: Record<string, string[]> = {};
  for (const node of catalog.products.nodes) (catalogShare[node.vendorId] ??= []).push(node.nativeId);

  const perVendor = await Promise.all(
    sources.map(async (vendor) => (await queryData<DiscoveryData>(url, DISCOVER, { vendorId: vendor.id, first: CATALOG_PAGE_SIZE })).products.nodes),
  );
  const vendors = sources.map((vendor, index) => ({
    ...vendor,
    locations: new Set((perVendor[index] ?? []).flatMap((node) => node.inventoryLevels.map((level) => level.locationId))).size,
  }));
  const shared = new Set(sharedDemoSkus());
  const ownPerVendor = Math.floor(LOOKUP_SKU_COUNT / 2 / Math.max(1, vendors.length));
  const own = perVendor.flatMap((nodes) =>
    nodes.map((node) => node.sku).filter((sku): sku is string => sku !== null && !shared.has(sku)).slice(0, ownPerVendor),
  );
  const lookupSkus = [...own, ...sharedDemoSkus().slice(0, LOOKUP_SKU_COUNT - own.length)];

  const hot = perVendor[0]?.[0];
  if (!hot) throw new Error('the first vendor listed no products; nothing to benchmark');

  const candidates = perVendor.map((nodes) =>
    nodes.filter((node) => node.inventoryTracked).flatMap((node) => node.inventoryLevels.slice(0, 1).map((level) => ({ vendorId: node.vendorId, productId: node.id, nativeId: node.nativeId, locationId: level.locationId }))),
  );
  const writeTargets = interleave(candidates).slice(0, CHANGES_PER_WRITE * 4);

  const vendorPages = Object.fromEntries(sources.map((vendor, index) => [vendor.id, (perVendor[index] ?? []).map((node) => node.nativeId)]));
  return { vendors, catalogShare, vendorPages, lookupSkus, hotProductId: hot.id, writeTargets, setInventory: await setInventoryShape(url) };
}

async function setInventoryShape(url: string): Promise<BenchFixture['setInventory']> {
  const data = await queryData<{
    __type: { fields: Array<{ name: string; args: Array<{ name: string; type: { kind: string; name: string | null; ofType: { kind: string; name: string | null } | null } }> }> } | null;
    input: { inputFields: Array<{ name: string }> } | null;
  }>(url, MUTATION_ARGS);
  const field = data.__type?.fields.find((candidate) => candidate.name === 'setInventoryQuantities');
  if (!field) return { unavailable: 'setInventoryQuantities is not in the schema yet' };
  const input = field.args.find((arg) => arg.name === 'input');
  const inputType = input?.type.name ?? input?.type.ofType?.name;
  if (!inputType) return { unavailable: 'setInventoryQuantities has no `input` argument' };
  return { inputType };
}

/** Round-robin across lists: a, b, c, a, b, c, ... */
function interleave<T>(lists: ReadonlyArray<readonly T[]>): T[] {
  const result: T[] = [];
  const longest = Math.max(0, ...lists.map((list) => list.length));
  for (let index = 0; index < longest; index++) {
    for (const list of lists) {
      const item = list[index];
      if (item !== undefined) result.push(item);
    }
  }
  return result;
}
