import { BASELINE_CATALOG_QUERY } from './baseline/apollo-baseline-server.ts';
import { CATALOG_PAGE_SIZE, CHANGES_PER_WRITE, type BenchFixture } from './bench-fixture.ts';
import type { ServerKind } from './bench-results.ts';
import { childListCalls, listingFloor, lookupFloor, meanFloor, singleReadFloor, writeFloor, type UpstreamFloor } from './upstream-floor.ts';

/** One GraphQL operation the bench sends, again and again, to each server. */
export interface Scenario {
  readonly name: string;
  readonly title: string;
  /** Why the scenario cannot run against this build (a feature not merged yet), or null. */
  readonly skipped: string | null;
  /** A read: its upstream requests can be sent again directly to measure the vendors' part alone. */
  readonly replayable: boolean;
  /** The JSON body of the `sequence`-th request (writes vary keys and targets per request). */
  body(sequence: number): string;
  readonly floor: UpstreamFloor;
}

const CATALOG = `query BenchCatalogPage($first: Int!) {
  products(first: $first) {
    nodes { id sku name price { amount currencyCode } inventoryLevels { locationId available } vendor { id name platform } }
    pageInfo { hasNextPage endCursor }
  }
}`;

/** The headline (issue #18): one WooCommerce vendor's catalog page, the same page the Apollo baseline and the direct REST call read. */
const WOO_CATALOG = `query BenchWooCatalogPage($vendorId: ID!, $first: Int!) {
  products(vendorId: $vendorId, first: $first) {
    nodes { id sku name status price { amount currencyCode } inventoryLevels { locationId available } }
    pageInfo { hasNextPage endCursor }
  }
}`;

const BY_SKU = `query BenchProductsBySku($skus: [String!]!) {
  productsBySku(skus: $skus) { id sku vendorId name price { amount currencyCode } inventoryLevels { locationId available } }
}`;

const HOT_PRODUCT = `query BenchHotProduct($id: ID!) {
  product(id: $id) { id sku name status price { amount currencyCode } }
}`;

const setInventoryDocument = (inputType: string) => `mutation BenchSetInventory($input: ${inputType}!) {
  setInventoryQuantities(input: $input) { results { status } userErrors { code message } }
}`;

export const HEADLINE_SCENARIO = 'wooCatalog';
export const SCENARIO_NAMES = [HEADLINE_SCENARIO, 'catalog', 'productsBySku', 'hotProduct', 'setInventory'] as const;

const json = (query: string, variables: Record<string, unknown>) => JSON.stringify({ query, variables });

/** The headline's request body: one page of `vendorId`'s catalog (also sent by bench/low-load-gaps.ts). */
export const wooCatalogBody = (vendorId: string): string => json(WOO_CATALOG, { vendorId, first: CATALOG_PAGE_SIZE });

/**
 * The scenarios one server runs: the gateway all of them; the naive baseline all but the
 * headline (its per-key fan-out is measured on `catalog`); the hand-written Apollo baseline only
 * the headline, with its own document over the same WooCommerce page.
 */
export function scenariosFor(kind: ServerKind, fixture: BenchFixture, runId: string): Scenario[] {
  const all = buildScenarios(fixture, runId);
  if (kind === 'gateway') return all;
  if (kind === 'naive') return all.filter((scenario) => scenario.name !== HEADLINE_SCENARIO);
  const headline = all.find((scenario) => scenario.name === HEADLINE_SCENARIO);
  if (!headline) return [];
  const body = json(BASELINE_CATALOG_QUERY, { first: CATALOG_PAGE_SIZE });
  // Replayable: its one list call replayed gives its own ms at low load, the reference for the gateway's.
  return [{ ...headline, body: () => body }];
}

/** The WooCommerce vendor the headline reads (the first in config order), or null. */
function headlineVendor(fixture: BenchFixture): BenchFixture['vendors'][number] | null {
  return fixture.vendors.find((vendor) => vendor.platform === 'woocommerce') ?? null;
}

export function buildScenarios(fixture: BenchFixture, runId: string): Scenario[] {
  const woo = headlineVendor(fixture);
  const wooIds = woo ? (fixture.vendorPages[woo.id] ?? []) : [];
  const headlineBody = wooCatalogBody(woo?.id ?? '');
  const catalogBody = json(CATALOG, { first: CATALOG_PAGE_SIZE });
  const bySkuBody = json(BY_SKU, { skus: fixture.lookupSkus });
  const hotBody = json(HOT_PRODUCT, { id: fixture.hotProductId });
  const setInventory = fixture.setInventory;
  const targets = fixture.writeTargets;
  const writeWindow = (sequence: number) =>
    Array.from({ length: Math.min(CHANGES_PER_WRITE, targets.length) }, (_, offset) => targets[(sequence * CHANGES_PER_WRITE + offset) % targets.length]).filter(
      (target) => target !== undefined,
    );

  return [
    {
      name: HEADLINE_SCENARIO,
      title: `WooCommerce catalog page: products(vendorId: ${woo?.id ?? '–'}, first: ${String(CATALOG_PAGE_SIZE)}) with inventoryLevels (headline, #18)`,
      skipped: woo ? null : 'skipped: no WooCommerce vendor in the config',
      replayable: true,
      body: () => headlineBody,
      floor: woo ? listingFloor([{ ...woo, products: wooIds.length, childCalls: childListCalls(woo.platform, wooIds) }]) : { calls: 0, depth: 0, note: '' },
    },
    {
      name: 'catalog',
      title: `catalog page: products(first: ${String(CATALOG_PAGE_SIZE)}) with inventoryLevels and vendor`,
      skipped: null,
      replayable: true,
      body: () => catalogBody,
      floor: listingFloor(
        fixture.vendors.map((vendor) => {
          const nativeIds = fixture.catalogShare[vendor.id] ?? [];
          return { ...vendor, products: nativeIds.length, childCalls: childListCalls(vendor.platform, nativeIds) };
        }),
      ),
    },
    {
      name: 'productsBySku',
      title: `productsBySku: ${String(fixture.lookupSkus.length)} SKUs over ${String(fixture.vendors.length)} vendors, with levels`,
      skipped: null,
      replayable: true,
      body: () => bySkuBody,
      floor: lookupFloor(fixture.vendors, fixture.lookupSkus.length),
    },
    {
      name: 'hotProduct',
      title: 'hot product(id): the same SKU again and again',
      skipped: null,
      replayable: true,
      body: () => hotBody,
      floor: singleReadFloor(),
    },
    {
      name: 'setInventory',
      title: `setInventoryQuantities: ${String(CHANGES_PER_WRITE)} changes, a new idempotency key each`,
      replayable: false,
      skipped: 'unavailable' in setInventory ? `skipped: not available (${setInventory.unavailable})` : targets.length === 0 ? 'skipped: no stock levels to write' : null,
      body: (sequence) => {
        if ('unavailable' in setInventory) return '';
        const changes = writeWindow(sequence).map((target, offset) => ({
          productId: target.productId,
          locationId: target.locationId,
          quantity: 20 + ((sequence + offset) % 50),
        }));
        return json(setInventoryDocument(setInventory.inputType), {
          input: { idempotencyKey: `bench-${runId}-${String(sequence)}`, reason: 'correction', changes },
        });
      },
      // Requests cycle through the target windows; the floor is their mean (as the measured count is).
      floor: meanFloor(
        Array.from({ length: Math.max(1, Math.ceil(targets.length / CHANGES_PER_WRITE)) }, (_, sequence) =>
          writeFloor(
            fixture.vendors.map((vendor) => ({
              platform: vendor.platform,
              limits: vendor.limits,
              locations: vendor.locations,
              nativeIds: writeWindow(sequence).filter((target) => target.vendorId === vendor.id).map((target) => target.nativeId),
            })),
          ),
        ),
      ),
    },
  ];
}
