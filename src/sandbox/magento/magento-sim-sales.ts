import { magentoTime, type MagentoSimCatalog } from './magento-sim-catalog.ts';

/**
 * A demo sale in the simulated Magento store: one unit leaves a source item of a simple product,
 * and the product's `updated_at` moves (the order's save touches it here), so a poller reading
 * `updated_at >= cursor` finds it. Magento's open-source edition sends no webhook.
 */
export function sellOneMagentoUnit(catalog: MagentoSimCatalog, pick: (count: number) => number, now: number): void {
  const products = catalog.products.filter((product) => product.typeId === 'simple' && product.manageStock);
  for (let tries = 0; tries < 20; tries++) {
    const product = products[pick(products.length)];
    if (!product) continue;
    const items = catalog.sourceItemsOf(product.sku).filter((item) => item.quantity > 0);
    const item = items[pick(items.length)];
    if (!item) continue;
    catalog.saveSourceItem({ ...item, quantity: item.quantity - 1, status: item.quantity - 1 > 0 ? 1 : 0 });
    product.updatedAt = magentoTime(new Date(now).toISOString());
    return;
  }
}
