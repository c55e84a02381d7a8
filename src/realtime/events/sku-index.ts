import { LRUCache } from 'lru-cache';
import type { Logger } from 'pino';
import { decodeGlobalId } from '../../model/global-id.ts';
import type { VendorRegistry } from '../../vendors/vendor-registry.ts';
import { backgroundCall } from './background-call.ts';

const UNKNOWN = Symbol('unknown');

/**
 * The SKU of a product ID, for events whose origin does not carry it (the gateway's own
 * mutations). A SKU never changes under a product ID in practice, so answers are remembered
 * (webhooks and polls teach them for free); a miss costs one batched `productsByNativeIds` per
 * vendor, and is only worth it while someone filters by SKU (`lookup`). A lookup that fails or is
 * skipped leaves the SKU null (the event still reaches subscribers that did not filter by SKU).
 */
export class SkuIndex {
  private readonly known = new LRUCache<string, string | typeof UNKNOWN>({ max: 50_000 });
  private readonly registry: VendorRegistry;
  private readonly logger: Logger;
  private readonly timeoutMs: number;

  constructor(registry: VendorRegistry, logger: Logger, timeoutMs: number) {
    this.registry = registry;
    this.logger = logger;
    this.timeoutMs = timeoutMs;
  }

  remember(productId: string, sku: string | null): void {
    this.known.set(productId, sku ?? UNKNOWN);
  }

  async skusOf(productIds: readonly string[], lookup: boolean): Promise<ReadonlyMap<string, string | null>> {
    const answer = new Map<string, string | null>();
    const missing = new Map<string, { productId: string; nativeId: string }[]>();
    for (const productId of new Set(productIds)) {
      const known = this.known.get(productId);
      if (known !== undefined) {
        answer.set(productId, known === UNKNOWN ? null : known);
        continue;
      }
      if (!lookup) continue;
      const { vendorId, nativeId } = decodeGlobalId(productId);
      missing.set(vendorId, [...(missing.get(vendorId) ?? []), { productId, nativeId }]);
    }
    await Promise.all(
      [...missing].map(async ([vendorId, wanted]) => {
        const source = this.registry.find(vendorId);
        if (!source) return;
        try {
          const products = await source.productsByNativeIds(backgroundCall(this.logger, this.timeoutMs, 'sku-lookup'), wanted.map((w) => w.nativeId));
          wanted.forEach((w, index) => {
            const product = products[index];
            if (product instanceof Error || product === undefined) return;
            const sku = product?.sku ?? null;
            this.remember(w.productId, sku);
            answer.set(w.productId, sku);
          });
        } catch (error) {
          this.logger.warn({ err: error, vendorId }, 'could not look up the SKUs of changed products; their events carry no SKU');
        }
      }),
    );
    return answer;
  }
}
