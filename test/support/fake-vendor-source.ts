import { Platform } from '../../src/model/platform.ts';
import { productGlobalId, levelGlobalId, locationGlobalId } from '../../src/model/global-id.ts';
import type { InventoryLevel, StandardProduct } from '../../src/model/standard-model.ts';
import type { VendorSource } from '../../src/vendors/vendor-source.ts';

/**
 * An in-memory VendorSource for server-level tests that are about the gateway (paging, partial
 * errors, auth), not about a vendor's wire protocol. Counts calls per method.
 */
export function fakeVendorSource(vendorId: string, count: number, options: { failWith?: Error } = {}) {
  const calls = { listProducts: 0, productsBySkus: 0, productsByNativeIds: 0, inventoryLevels: 0, countProducts: 0 };
  const products: StandardProduct[] = Array.from({ length: count }, (_, index) => {
    const nativeId = String(index + 1);
    const level: InventoryLevel = {
      id: levelGlobalId(vendorId, nativeId, 'main'),
      productId: productGlobalId(vendorId, nativeId),
      locationId: locationGlobalId(vendorId, 'main'),
      locationName: 'Main',
      available: index,
      onHand: index,
      updatedAt: null,
    };
    return {
      id: productGlobalId(vendorId, nativeId),
      vendorId,
      nativeId,
      sku: `SKU-${index % 50}`,
      name: `${vendorId} item ${index + 1}`,
      parentNativeId: null,
      price: { amount: '9.99', currencyCode: 'USD' },
      cost: null,
      status: 'ACTIVE',
      barcode: null,
      inventoryTracked: true,
      updatedAt: null,
      inventoryRef: nativeId,
      inventoryLevels: [level],
    };
  });
  const fail = () => {
    if (options.failWith) throw options.failWith;
  };
  const source: VendorSource = {
    info: { id: vendorId, name: `Fake ${vendorId}`, platform: Platform.CUSTOM },
    limits: { maxPageSize: 7, maxBatchSize: 50 },
    async listProducts(_ctx, request) {
      calls.listProducts += 1;
      fail();
      const start = request.after ? Number(request.after) : 0;
      const page = products.slice(start, start + request.first);
      const end = start + page.length;
      return { products: page, endCursor: String(end), hasNextPage: end < products.length };
    },
    async countProducts() {
      calls.countProducts += 1;
      fail();
      return products.length;
    },
    async productsByNativeIds(_ctx, ids) {
      calls.productsByNativeIds += 1;
      fail();
      return ids.map((id) => products.find((product) => product.nativeId === id) ?? null);
    },
    async productsBySkus(_ctx, skus) {
      calls.productsBySkus += 1;
      fail();
      return skus.map((sku) => products.filter((product) => product.sku === sku));
    },
    async inventoryLevels(_ctx, items) {
      calls.inventoryLevels += 1;
      fail();
      return items.map((item) => item.inventoryLevels ?? []);
    },
    stockWrites: {
      async plan() {
        throw new Error('fake source does not write');
      },
    },
  };
  return { source, calls, products };
}
