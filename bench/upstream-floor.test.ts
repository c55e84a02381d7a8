import { describe, expect, it } from 'vitest';
import { childListCalls, listingFloor, lookupFloor, vendorListingCost, vendorWriteCost, writeFloor } from './upstream-floor.ts';

const rest = { maxPageSize: 100, maxBatchSize: 100 };
const shopify = { maxPageSize: 250, maxBatchSize: 250 };

describe('the upstream floor of a listing page', () => {
  it('a REST vendor: one page per maxPageSize products, stock inline', () => {
    expect(vendorListingCost({ platform: 'magento', limits: rest, products: 100, childCalls: 0, locations: 2 })).toEqual({ calls: 1, depth: 1 });
    expect(vendorListingCost({ platform: 'magento', limits: rest, products: 101, childCalls: 0, locations: 2 })).toEqual({ calls: 2, depth: 2 });
  });

  it('WooCommerce: one more request per variable parent, in parallel after the page', () => {
    expect(childListCalls('woocommerce', ['10', '11:12', '11:13', '14:15'])).toBe(2);
    expect(childListCalls('magento', ['11:12'])).toBe(0);
    expect(vendorListingCost({ platform: 'woocommerce', limits: rest, products: 40, childCalls: 2, locations: 1 })).toEqual({ calls: 3, depth: 2 });
  });

  it('Shopify: 100 variants with stock at 3 locations exceed one 1,000-point query: two pages, asked for at once on remembered cursors', () => {
    // 2 + n × (4 + 2 + 4 × 3) ≤ 1000 → 55 variants a page.
    expect(vendorListingCost({ platform: 'shopify', limits: shopify, products: 100, childCalls: 0, locations: 3 })).toEqual({ calls: 2, depth: 1 });
    expect(vendorListingCost({ platform: 'shopify', limits: shopify, products: 55, childCalls: 0, locations: 3 })).toEqual({ calls: 1, depth: 1 });
  });

  it('vendors are read in listing order, so their chains add up', () => {
    const floor = listingFloor([
      { platform: 'shopify', limits: shopify, products: 60, childCalls: 0, locations: 3 },
      { platform: 'magento', limits: rest, products: 40, childCalls: 0, locations: 1 },
    ]);
    expect(floor).toMatchObject({ calls: 3, depth: 2 });
  });
});

describe('the upstream floor of lookups and writes', () => {
  it('a lookup asks every vendor in parallel, in batches of its limit', () => {
    expect(lookupFloor([{ limits: rest }, { limits: shopify }], 150)).toMatchObject({ calls: 3, depth: 2 });
  });

  it('a write reads the current levels, then writes, at each vendor it touches; vendors in parallel', () => {
    const share = (platform: string, nativeIds: string[]) => ({ platform, limits: platform === 'shopify' ? shopify : rest, locations: 3, nativeIds });
    expect(vendorWriteCost(share('shopify', ['1', '2', '3']))).toEqual({ calls: 2, depth: 2 });
    // Woo: simple products together, variations per parent.
    expect(vendorWriteCost(share('woocommerce', ['10', '11', '13:14', '13:15', '16:17']))).toEqual({ calls: 6, depth: 2 });
    // Magento: the SKU lookup, the source items, then the write.
    expect(vendorWriteCost(share('magento', ['1', '2']))).toEqual({ calls: 3, depth: 3 });
    // A custom vendor without a batch write: one PUT per level.
    expect(vendorWriteCost(share('custom', ['a', 'b', 'c']))).toEqual({ calls: 4, depth: 2 });
    expect(writeFloor([share('shopify', ['1']), share('magento', ['2']), share('custom', [])])).toMatchObject({ calls: 5, depth: 3 });
  });
});
