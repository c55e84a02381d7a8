import type { Logger } from 'pino';
import type { ShopifyClient } from '../../../vendors/shopify/shopify-client.ts';
import type { StateStore } from '../../../store/state-store.ts';
import { backgroundCall } from '../../events/background-call.ts';
import { INVENTORY_ITEM_VARIANTS, ITEM_VARIANT_COST } from './shopify-webhook-documents.ts';

export interface ItemVariant {
  readonly variantId: string;
  readonly sku: string | null;
}

/**
 * Inventory item GID → its variant (the product's native ID) and SKU. The pair never changes, so
 * it is kept in the state store: learned from `products/update` payloads for free, otherwise read
 * once from Shopify. A deleted item answers null.
 */
export class ShopifyItemIndex {
  private readonly namespace: string;

  constructor(
    private readonly vendorId: string,
    private readonly client: ShopifyClient,
    private readonly store: StateStore,
    private readonly logger: Logger,
    private readonly timeoutMs: number,
  ) {
    this.namespace = `shopify-items:${vendorId}`;
  }

  async learn(entries: ReadonlyArray<readonly [itemGid: string, variant: ItemVariant]>): Promise<void> {
    if (entries.length > 0) await this.store.putValues(this.namespace, entries.map(([item, variant]) => [item, JSON.stringify(variant)] as const), Date.now());
  }

  async variantsOf(itemGids: readonly string[]): Promise<ReadonlyMap<string, ItemVariant | null>> {
    const known = await this.store.getValues(this.namespace, itemGids);
    const answer = new Map<string, ItemVariant | null>([...known].map(([item, text]) => [item, JSON.parse(text) as ItemVariant]));
    const missing = [...new Set(itemGids.filter((item) => !answer.has(item)))];
    if (missing.length === 0) return answer;
    const ctx = backgroundCall(this.logger, this.timeoutMs, 'shopify-webhook');
    const data = await this.client.execute(ctx, INVENTORY_ITEM_VARIANTS, { ids: missing }, { cost: missing.length * ITEM_VARIANT_COST });
    const learned: Array<readonly [string, ItemVariant]> = [];
    data.nodes.forEach((node, index) => {
      const item = missing[index]!;
      const variant = node?.variant ? { variantId: node.variant.id, sku: node.variant.sku || null } : null;
      answer.set(item, variant);
      if (variant) learned.push([item, variant]);
    });
    await this.learn(learned);
    return answer;
  }
}
